"""PyTorch + transformers baseline of the benchmark (fp32, same random weights as the ONNX files).

    python3 bench/pytorch/torch_bench.py <config.json> <out.json>

The models are rebuilt with the seeds tools/ used to export them (full size: tools/fixtures/full_size.py;
smoke: the tiny fixtures' seeds from e2e/fixtures/golden.json), saved once as a transformers checkpoint
under bench/cache/torch/ (the "create" metric times `from_pretrained` of it) and checked against the
exported fp32 ONNX vision graph (max abs error, recorded) to prove they are the same weights.
Threads: torch.set_num_threads(threads), one inter-op thread. Same metrics and input shapes as the
browser and onnxruntime-node runs (bench/README.md).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import AutoTokenizer, BlipForConditionalGeneration, BlipForImageTextRetrieval, BlipForQuestionAnswering, CLIPModel  # noqa: E402

from itm_bench import itm_metrics  # noqa: E402  (this script's folder is on sys.path)

CLASSES = {"clip": CLIPModel, "caption": BlipForConditionalGeneration, "vqa": BlipForQuestionAnswering}
# Loaded, measured and freed after the three app models, as in the browser, so afterLoad stays theirs.
ITM_CLASS = BlipForImageTextRetrieval
IMAGE_BATCH = 8  # the app's CLIP image batch


def build(task: str, mode: str):
    if mode == "full":
        from tools.fixtures.full_size import _build
        return _build(task)[0]
    from tools.fixtures.tiny import build_blip, build_clip, build_itm
    golden = json.load(open(os.path.join(ROOT, "e2e/fixtures/golden.json")))
    if task == "itm":
        return build_itm(golden["blip_itm"]["seed"]).model
    if task == "clip":
        return build_clip(golden["clip"]["seed"]).model
    entry = golden["blip_caption" if task == "caption" else "blip_vqa"]
    return build_blip(task, entry["seed"], entry["sep_bias"]).model


def checkpoint(task: str, config: dict) -> str:
    """The rebuilt model saved as a transformers checkpoint, next to a stamp of the ONNX file it matches."""
    model_dir = os.path.join(config["modelsRoot"], config["repos"][task])
    onnx_file = os.path.join(model_dir, "onnx", "vision_model.onnx")
    stamp = f"{os.path.getsize(onnx_file)}:{int(os.path.getmtime(onnx_file))}"
    target = os.path.join(config["torchCache"], config["repos"][task])
    stamp_file = os.path.join(target, "onnx-stamp.txt")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return target
    shutil.rmtree(target, ignore_errors=True)
    model = build(task, config["mode"])
    model.save_pretrained(target)
    open(stamp_file, "w").write(stamp)
    del model
    return target


def pixels(batch: int, size: int, seed: int) -> torch.Tensor:
    return torch.from_numpy(np.random.default_rng(seed).uniform(-2, 2, (batch, 3, size, size)).astype(np.float32))


def parity(task: str, model, config: dict) -> float:
    """Max abs difference between PyTorch and the exported fp32 ONNX vision graph on one random image."""
    model_dir = os.path.join(config["modelsRoot"], config["repos"][task])
    session = ort.InferenceSession(os.path.join(model_dir, "onnx", "vision_model.onnx"), providers=["CPUExecutionProvider"])
    x = pixels(1, config["sizes"][task], 12345)
    with torch.inference_mode():
        if task == "clip":
            ours = model.get_image_features(pixel_values=x)
            ours = ours if torch.is_tensor(ours) else ours.pooler_output
            name = "image_embeds"
        else:
            ours = model.vision_model(pixel_values=x)[0]
            name = "last_hidden_state"
    theirs = session.run([name], {"pixel_values": x.numpy()})[0]
    return float(np.abs(ours.numpy() - theirs).max())


def stat(samples: list[float]) -> dict:
    rounded = [round(value, 2) for value in samples]
    return {"median": round(statistics.median(rounded), 2), "min": min(rounded), "max": max(rounded), "n": len(rounded), "samples": rounded}


def repeat(config: dict, run) -> list:
    results = []
    for index in range(config["warmup"] + config["runs"]):
        result = run(index)
        if index >= config["warmup"]:
            results.append(result)
    return results


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


class StepTimer:
    """Forward hooks: the duration of every call of a module (decoder steps, the vision encoder)."""

    def __init__(self, module):
        self.ms: list[float] = []
        self._start = 0.0
        module.register_forward_pre_hook(self._before)
        module.register_forward_hook(self._after)

    def _before(self, *_):
        self._start = time.perf_counter()

    def _after(self, *_):
        self.ms.append((time.perf_counter() - self._start) * 1000)

    def reset(self):
        self.ms = []


def features(output):
    return output if torch.is_tensor(output) else output.pooler_output


def clip_metrics(model, tokenizer, config: dict, metrics: dict) -> None:
    inputs, size = config["inputs"], config["sizes"]["clip"]
    template = inputs["template"]

    def text(texts):
        encoded = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
        return features(model.get_text_features(**encoded))

    seeds = iter(range(1000, 10_000))
    metrics["clip.image"] = stat(repeat(config, lambda i: (lambda x: timed(lambda: features(model.get_image_features(pixel_values=x))))(pixels(1, size, next(seeds)))))
    metrics["clip.text8"] = stat(repeat(config, lambda i: timed(lambda: text([template.replace("{}", label) for label in inputs["labelSets"][1 + i]]))))

    def search(i):
        gallery = config["gallery"]
        batches = [pixels(min(IMAGE_BATCH, gallery - start), size, next(seeds)) for start in range(0, gallery, IMAGE_BATCH)]

        def run():
            text([inputs["queries"][i]])
            for batch in batches:
                features(model.get_image_features(pixel_values=batch))
        return timed(run)
    metrics["clip.search32"] = stat(repeat(config, search))


def caption_metrics(model, config: dict, metrics: dict) -> None:
    size, tokens = config["sizes"]["caption"], config["captionTokens"]
    steps, vision = StepTimer(model.text_decoder), StepTimer(model.vision_model)
    seeds = iter(range(20_000, 30_000))

    def generate(beams: int):
        x = pixels(1, size, next(seeds))
        steps.reset()
        vision.reset()
        start = time.perf_counter()
        out = model.generate(pixel_values=x, max_new_tokens=tokens, min_new_tokens=tokens, num_beams=beams, do_sample=False)
        total = (time.perf_counter() - start) * 1000
        if out.shape[1] != 1 + tokens:
            raise RuntimeError(f"caption generated {out.shape[1] - 1} tokens, expected {tokens}")
        return {"total": total, "steps": list(steps.ms), "vision": vision.ms[0]}

    greedy = repeat(config, lambda i: generate(1))
    metrics["blip.vision"] = stat([run["vision"] for run in greedy])
    metrics["caption.firstStep"] = stat([run["steps"][0] for run in greedy])
    metrics["caption.step"] = stat([statistics.median(run["steps"][1:]) for run in greedy])
    metrics["caption.total"] = stat([run["total"] for run in greedy])
    metrics["caption.beam3"] = stat([run["total"] for run in repeat(config, lambda i: generate(config["beams"]))])


def vqa_metrics(model, tokenizer, config: dict, metrics: dict) -> None:
    size, tokens, questions = config["sizes"]["vqa"], config["vqaTokens"], config["inputs"]["questions"]
    encoder = StepTimer(model.text_encoder)
    seeds = iter(range(40_000, 50_000))

    def answer(i):
        x = pixels(1, size, next(seeds))
        encoder.reset()
        start = time.perf_counter()
        ids = tokenizer(questions[i], return_tensors="pt").input_ids
        out = model.generate(input_ids=ids, pixel_values=x, max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False, num_beams=1)
        total = (time.perf_counter() - start) * 1000
        if out.shape[1] != 1 + tokens:
            raise RuntimeError(f"answer generated {out.shape[1] - 1} tokens, expected {tokens}")
        return {"total": total, "question": encoder.ms[0]}

    runs = repeat(config, answer)
    metrics["vqa.total"] = stat([run["total"] for run in runs])
    metrics["vqa.question"] = stat([run["question"] for run in runs])


def rss() -> dict:
    status = open("/proc/self/status").read()
    kib = lambda field: int(status.split(f"{field}:")[1].split()[0]) * 1024  # noqa: E731
    return {"rssBytes": kib("VmRSS"), "peakRssBytes": kib("VmHWM")}


def load(task: str, path: str):
    start = time.perf_counter()
    model = (ITM_CLASS if task == "itm" else CLASSES[task]).from_pretrained(path).eval()
    return model, (time.perf_counter() - start) * 1000


def main() -> None:
    config = json.load(open(sys.argv[1]))
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    torch.set_num_threads(config["threads"])
    torch.set_num_interop_threads(1)
    paths = {task: checkpoint(task, config) for task in CLASSES}
    tokenizers = {task: AutoTokenizer.from_pretrained(os.path.join(config["modelsRoot"], config["repos"][task])) for task in CLASSES}
    metrics: dict = {}
    models = {}
    for task, path in paths.items():
        models[task], ms = load(task, path)
        metrics[f"create.{task}.cold"] = stat([ms])
    after_load = rss()
    parities = {task: parity(task, models[task], config) for task in CLASSES}
    with torch.inference_mode():
        clip_metrics(models["clip"], tokenizers["clip"], config, metrics)
        caption_metrics(models["caption"], config, metrics)
        vqa_metrics(models["vqa"], tokenizers["vqa"], config, metrics)
    itm_model, _ = load("itm", checkpoint("itm", config))
    parities["itm"] = parity("itm", itm_model, config)
    with torch.inference_mode():
        helpers = {"pixels": pixels, "repeat": repeat, "timed": timed, "stat": stat}
        itm_tokenizer = AutoTokenizer.from_pretrained(os.path.join(config["modelsRoot"], config["repos"]["itm"]))
        itm_metrics(itm_model, itm_tokenizer, config, metrics, helpers)
    del itm_model
    after_runs = rss()
    for task, path in paths.items():
        created = []
        for _ in range(config["createRuns"]):
            del models[task]
            models[task], ms = load(task, path)
            created.append(ms)
        metrics[f"create.{task}"] = stat(created)
    result = {
        "runtime": "pytorch",
        "dtype": "fp32",
        "threads": config["threads"],
        "metrics": metrics,
        "memory": {"afterLoad": after_load, "afterRuns": after_runs, "peakRssBytes": rss()["peakRssBytes"]},
        "parityMaxAbs": parities,
        "versions": {"python": sys.version.split()[0], "torch": torch.__version__, "transformers": transformers.__version__,
                     "onnxruntime": ort.__version__, "numpy": np.__version__},
    }
    with open(sys.argv[2], "w") as handle:
        json.dump(result, handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
