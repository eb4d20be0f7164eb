"""Inputs and PyTorch fp32 outputs for the dtype choice (issue 17 §2), and token agreement on the tiny fixtures.

    python -m tools.dtype_choice reference --task clip|caption --folder <full-size model folder> --out <dir>
        [--dtypes q4,q4a8,q4f16]   exports the dtypes the folder lacks (same random weights, tools.fixtures
                                   --full-size), then writes <dir>/reference.json + raw float32/int64 files:
                                   the graphs' inputs and PyTorch's outputs, read by bench/profile/dtype-choice.mjs
    python -m tools.dtype_choice fixtures --out <dir> [--dtypes …]
        the tiny CLIP, caption and VQA fixtures rebuilt from golden.json's seeds in every dtype (for
        bench/profile/webgpu-placement.mjs)
    python -m tools.dtype_choice tokens [--dtypes fp32,q8,q4,q4a8,q4f16]
        greedy caption/VQA ids of the tiny fixtures (rebuilt from golden.json's seeds, exported per dtype) against
        PyTorch's golden ids, run with onnxruntime (native CPU kernels); prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile

import numpy as np
import torch
from transformers import AutoTokenizer, BlipImageProcessorPil, CLIPImageProcessorPil

from .blip_onnx import BlipOnnx
from .export.dtypes import SUFFIX
from .export.pipeline import _reference, export, export_model, quiet_transformers
from .fixtures.full_size import _build
from .fixtures.images import load_rgb

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(REPO, "public", "samples")
FIXTURES = os.path.join(REPO, "e2e", "fixtures")
CLIP_IMAGES = ["cat.jpg", "astronaut.jpg", "coffee.jpg", "rocket.jpg"]
BLIP_IMAGES = ["cat.jpg", "astronaut.jpg"]
CLIP_TEXTS = ["a photo of a cat", "a photo of an astronaut on the moon", "a cup of coffee", "a rocket launch at night"]
# Decoder prompt for the logits check: [bos] + fixed ids (a teacher-forced no-cache pass over 9 positions).
DECODER_IDS = [1037, 3861, 1997, 1037, 4937, 3564, 2006, 1037, 2795]


def ensure_dtypes(task: str, folder: str, dtypes: list[str], log=print) -> list[str]:
    """Exports the dtypes whose files the folder lacks, from the same seeded random weights."""
    graph = "vision_model"
    missing = [d for d in dtypes if not os.path.exists(os.path.join(folder, "onnx", f"{graph}{SUFFIX[d]}.onnx"))]
    if missing:
        model = _build(task)[0]
        export_model(model, task, folder, missing, run_validation=False, log=log, attention_maps=True)
    return missing


class Writer:
    """reference.json + one raw little-endian file per tensor."""

    def __init__(self, out: str):
        self.out, self.cases = out, []
        os.makedirs(out, exist_ok=True)

    def tensor(self, name: str, value) -> dict:
        array = np.ascontiguousarray(value.detach().numpy() if torch.is_tensor(value) else value)
        kind = "int64" if array.dtype == np.int64 else "float32"
        file = f"{len(os.listdir(self.out))}-{name}.bin"
        array.astype(kind).tofile(os.path.join(self.out, file))
        return {"file": file, "dims": list(array.shape), "type": kind}

    def case(self, graph: str, inputs: dict, outputs: dict) -> None:
        self.cases.append({"graph": graph, "inputs": {k: self.tensor(k, v) for k, v in inputs.items()},
                           "outputs": {k: self.tensor(k, v) for k, v in outputs.items()}})

    def save(self, meta: dict) -> None:
        with open(os.path.join(self.out, "reference.json"), "w", encoding="utf-8") as f:
            json.dump({**meta, "cases": self.cases}, f, indent=1)


def clip_cases(model, folder: str, writer: Writer) -> None:
    processor = CLIPImageProcessorPil.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    vision, text = _reference(model, "clip", "vision_model", True), _reference(model, "clip", "text_model")
    for image in CLIP_IMAGES:
        pixels = processor(load_rgb(os.path.join(SAMPLES, image)), return_tensors="pt").pixel_values
        writer.case("vision_model", {"pixel_values": pixels}, {"image_embeds": vision(pixels)["image_embeds"]})
    for sentence in CLIP_TEXTS:
        tokens = tokenizer([sentence], return_tensors="pt")
        feeds = {"input_ids": tokens.input_ids, "attention_mask": tokens.attention_mask}
        writer.case("text_model", feeds, {"text_embeds": text(**feeds)["text_embeds"]})


def caption_cases(model, folder: str, writer: Writer) -> None:
    processor = BlipImageProcessorPil.from_pretrained(folder)
    vision = _reference(model, "caption", "vision_model")
    bos = model.config.text_config.bos_token_id
    for image in BLIP_IMAGES:
        pixels = processor(load_rgb(os.path.join(SAMPLES, image)), return_tensors="pt").pixel_values
        states = vision(pixels)["last_hidden_state"]
        writer.case("vision_model", {"pixel_values": pixels}, {"last_hidden_state": states})
        ids = torch.tensor([[bos, *DECODER_IDS]])
        mask = torch.ones(states.shape[:2], dtype=torch.long)
        logits = model.text_decoder(input_ids=ids, encoder_hidden_states=states, encoder_attention_mask=mask).logits
        writer.case("text_decoder_model_merged", {"input_ids": ids, "encoder_hidden_states": states,
                                                  "encoder_attention_mask": mask}, {"logits": logits})


def write_reference(task: str, folder: str, out: str, dtypes: list[str], log=print) -> None:
    quiet_transformers()
    added = ensure_dtypes(task, folder, dtypes, log)
    log(f"exported {added or 'nothing'} into {folder}")
    model = _build(task)[0]
    writer = Writer(out)
    with torch.no_grad():
        (clip_cases if task == "clip" else caption_cases)(model, folder, writer)
    config = model.config.text_config
    writer.save({"task": task, "folder": os.path.abspath(folder), "layers": config.num_hidden_layers,
                 "heads": config.num_attention_heads, "head_dim": config.hidden_size // config.num_attention_heads})


def _pixels(folder: str, image: str) -> np.ndarray:
    processor = BlipImageProcessorPil.from_pretrained(folder)
    return processor(load_rgb(os.path.join(FIXTURES, "images", image)), return_tensors="np").pixel_values


def fixture_in_dtypes(key: str, section: dict, dtypes: list[str], out: str) -> str:
    """A committed tiny fixture rebuilt from golden.json's seeds and exported in `dtypes` (its JSON files copied)."""
    from .fixtures.build import _save_source
    from .fixtures.tiny import build_blip, build_clip

    task = {"clip": "clip", "blip_caption": "caption", "blip_vqa": "vqa"}[key]
    tiny = build_clip(section["seed"]) if task == "clip" else build_blip(task, section["seed"], section["sep_bias"])
    with tempfile.TemporaryDirectory() as src:
        _save_source(tiny, src)  # exported from the saved folder, as the fixtures are: byte-identical fp32 and q8
        export(src, task, out, dtypes, run_validation=False, log=lambda *_: None)
    source = os.path.join(FIXTURES, "models", section["model"])
    for name in os.listdir(source):
        if name.endswith(".json"):
            shutil.copyfile(os.path.join(source, name), os.path.join(out, name))
    return out


def token_agreement(golden: dict, dtypes: list[str]) -> list[dict]:
    """Per task and dtype: greedy cases whose ids equal PyTorch's, and matching tokens over all new tokens."""
    rows = []
    for key in ("blip_caption", "blip_vqa"):
        section = golden[key]
        with tempfile.TemporaryDirectory() as tmp:
            folder = fixture_in_dtypes(key, section, dtypes, tmp)
            for dtype in dtypes:
                runtime, same, tokens, total = BlipOnnx(folder, dtype), 0, 0, 0
                cases = [c for c in section["cases"] if c["num_beams"] == 1]
                for case in cases:
                    states = runtime.encode_image(_pixels(folder, case["image"]).astype(np.float32))
                    prompt = case["input_ids"] if key == "blip_caption" else case["decoder_input_ids"]
                    if key == "blip_vqa":
                        states = runtime.encode_question(case["question_ids"], states)
                    ids, _ = runtime.greedy(prompt, states, section["max_new_tokens"])
                    want = case["output_ids"]
                    same += ids == want
                    new, expected = ids[len(prompt):], want[len(prompt):]
                    tokens += sum(a == b for a, b in zip(new, expected))
                    total += max(len(new), len(expected))
                rows.append({"task": key, "dtype": dtype, "cases": len(cases), "identical": same,
                             "tokens": tokens, "total": total})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.dtype_choice", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ref = sub.add_parser("reference")
    ref.add_argument("--task", choices=["clip", "caption"], required=True)
    ref.add_argument("--folder", required=True)
    ref.add_argument("--out", required=True)
    ref.add_argument("--dtypes", default="q8,q4,q4a8,q4f16")
    tok = sub.add_parser("tokens")
    tok.add_argument("--dtypes", default="fp32,q8,q4,q4a8,q4f16")
    fix = sub.add_parser("fixtures")
    fix.add_argument("--out", required=True)
    fix.add_argument("--dtypes", default="fp32,fp16,q8,q4,q4a8,q4f16")
    args = parser.parse_args(argv)
    dtypes = [d for d in args.dtypes.split(",") if d]
    torch.set_num_threads(1)
    if args.command == "reference":
        write_reference(args.task, args.folder, args.out, dtypes)
        return 0
    quiet_transformers()
    with open(os.path.join(FIXTURES, "golden.json"), encoding="utf-8") as f:
        golden = json.load(f)
    if args.command == "fixtures":
        for key in ("clip", "blip_caption", "blip_vqa"):
            print(fixture_in_dtypes(key, golden[key], dtypes, os.path.join(args.out, os.path.basename(golden[key]["model"]))))
        return 0
    rows = token_agreement(golden, dtypes)
    print("| fixture | dtype | greedy cases identical to PyTorch | new tokens equal |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['task']} | {r['dtype']} | {r['identical']}/{r['cases']} | {r['tokens']}/{r['total']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
