"""Parity of an exported folder with PyTorch on real images (the app's bundled samples).

BLIP: captions and VQA answers from the exported graphs (onnxruntime, KV cache) against HF `generate` with the same
decoding, greedy and beam 3: fp32 must give the same token ids; other dtypes are reported (how many change, and to
what). CLIP: zero-shot probabilities over the app's default labels: fp32 must keep the top-1 label and stay within
CLIP_FP32_TOLERANCE; other dtypes are reported. The same code runs on the real checkpoints (models workflow), on
the full-size random models and on the tiny fixtures (tests).
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os

import numpy as np
import torch
from PIL import Image

from ..blip_onnx import BlipOnnx
from ..export.dtypes import SUFFIX
from ..export.validate import session
from .onnx_generate import generate
from .texts import CAPTION_PROMPT, CLIP_LABELS, CLIP_TEMPLATE, VQA_QUESTIONS

CAPTION_MAX_NEW_TOKENS = 30
VQA_MAX_NEW_TOKENS = 10
BEAMS = (1, 3)
# Neutral settings for both sides, so that only the graphs differ (a checkpoint's generation_config could set others).
NEUTRAL = dict(do_sample=False, length_penalty=1.0, repetition_penalty=1.0, no_repeat_ngram_size=0, min_length=0,
               early_stopping=False, num_return_sequences=1)
CLIP_FP32_TOLERANCE = 1e-3  # max |p_onnx - p_torch| per label; measured values are in the report


@dataclasses.dataclass
class Case:
    image: str
    text: str | None  # prompt (caption), question (VQA), None
    num_beams: int
    torch_ids: list[int]
    torch_text: str
    onnx: dict  # dtype -> {"ids": [...], "text": str}


def sample_images(folder: str) -> list[str]:
    paths = sorted(glob.glob(os.path.join(folder, "*.jpg")) + glob.glob(os.path.join(folder, "*.png")))
    if not paths:
        raise FileNotFoundError(f"no .jpg/.png images in {folder}")
    return paths


def _rgb(path: str) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def blip_cases(model, processor, exported: str, task: str, images: list[str], dtypes: list[str]) -> list[Case]:
    runtimes = {dtype: BlipOnnx(exported, dtype) for dtype in dtypes}
    tok, bos = processor.tokenizer, model.config.text_config.bos_token_id
    max_new = CAPTION_MAX_NEW_TOKENS if task == "caption" else VQA_MAX_NEW_TOKENS
    cases = []
    for index, path in enumerate(images):
        pixels = processor(images=_rgb(path), return_tensors="pt").pixel_values
        # Captions without and (every other image) with the prompt; VQA: one question per image, in turn.
        texts = ([None] + ([CAPTION_PROMPT] if index % 2 == 0 else [])) if task == "caption" \
            else [VQA_QUESTIONS[index % len(VQA_QUESTIONS)]]
        for text in texts:
            kwargs = {"pixel_values": pixels}
            enc = tok(text, return_tensors="pt", return_token_type_ids=False) if text else None
            if enc is not None:
                kwargs.update(input_ids=enc.input_ids, attention_mask=enc.attention_mask)
            for beams in BEAMS:
                with torch.no_grad():
                    ids = model.generate(**kwargs, num_beams=beams, max_new_tokens=max_new, **NEUTRAL)[0].tolist()
                onnx = {}
                for dtype, blip in runtimes.items():
                    states = blip.encode_image(pixels.numpy())
                    if task == "vqa":
                        states, prompt = blip.encode_question(enc.input_ids[0].tolist(), states), [bos]
                    else:
                        # HF's caption prompt: [CLS] … [SEP] becomes [bos] …, the last id dropped (tools/README.md).
                        prompt = [bos] + (enc.input_ids[0].tolist()[1:-1] if enc is not None else [])
                    got = generate(blip, prompt, states, beams, max_new)
                    onnx[dtype] = {"ids": got, "text": tok.decode(got, skip_special_tokens=True)}
                cases.append(Case(os.path.basename(path), text, beams, ids, tok.decode(ids, skip_special_tokens=True), onnx))
    return cases


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def clip_probs(model, processor, exported: str, images: list[str], dtypes: list[str]) -> dict:
    texts = [CLIP_TEMPLATE.format(label) for label in CLIP_LABELS]
    pil = [_rgb(path) for path in images]
    inputs = processor(text=texts, images=pil, return_tensors="pt", padding=True)
    with torch.no_grad():
        reference = model(**inputs).logits_per_image.softmax(dim=-1).numpy()
    with open(os.path.join(exported, "config.json"), encoding="utf-8") as f:
        scale = float(np.exp(json.load(f)["logit_scale"]))
    result = {"labels": CLIP_LABELS, "images": [os.path.basename(p) for p in images], "torch": reference.tolist()}
    for dtype in dtypes:
        text = session(os.path.join(exported, "onnx", f"text_model{SUFFIX[dtype]}.onnx"))
        vision = session(os.path.join(exported, "onnx", f"vision_model{SUFFIX[dtype]}.onnx"))
        t = text.run(["text_embeds"], {"input_ids": inputs.input_ids.numpy(), "attention_mask": inputs.attention_mask.numpy()})[0]
        v = vision.run(["image_embeds"], {"pixel_values": inputs.pixel_values.numpy()})[0]
        t = t / np.linalg.norm(t, axis=-1, keepdims=True)
        v = v / np.linalg.norm(v, axis=-1, keepdims=True)
        result[dtype] = _softmax(scale * v @ t.T).tolist()
    return result


def summarize_blip(cases: list[Case], dtypes: list[str]) -> dict:
    summary = {"cases": [dataclasses.asdict(c) for c in cases], "dtypes": {}}
    for dtype in dtypes:
        changed = [c for c in cases if c.onnx[dtype]["ids"] != c.torch_ids]
        summary["dtypes"][dtype] = {
            "equal": len(cases) - len(changed), "total": len(cases),
            "changes": [{"image": c.image, "text": c.text, "num_beams": c.num_beams, "torch": c.torch_text,
                         "onnx": c.onnx[dtype]["text"]} for c in changed],
        }
    return summary


def summarize_clip(probs: dict, dtypes: list[str]) -> dict:
    ref = np.array(probs["torch"])
    summary = {"probs": probs, "dtypes": {}}
    for dtype in dtypes:
        got = np.array(probs[dtype])
        same_top1 = int((got.argmax(-1) == ref.argmax(-1)).sum())
        summary["dtypes"][dtype] = {"equal": same_top1, "total": len(ref), "max_abs_prob_diff": float(np.abs(got - ref).max())}
    return summary


def passed(task: str, summary: dict) -> bool:
    """fp32 is the contract: identical ids (BLIP), same top-1 and probabilities within tolerance (CLIP)."""
    fp32 = summary["dtypes"].get("fp32")
    if fp32 is None:
        return False
    ok = fp32["equal"] == fp32["total"]
    return ok and (task not in ("clip", "itm") or fp32["max_abs_prob_diff"] <= CLIP_FP32_TOLERANCE)


def run_parity(source: str, exported: str, task: str, images_dir: str, dtypes: list[str]) -> dict:
    from transformers import AutoImageProcessor, AutoTokenizer, BlipProcessor, CLIPProcessor

    from ..export.pipeline import load_model

    # Built from its parts: a save_pretrained folder need not have a processor_config.json.
    cls = CLIPProcessor if task == "clip" else BlipProcessor
    processor = cls(image_processor=AutoImageProcessor.from_pretrained(source), tokenizer=AutoTokenizer.from_pretrained(source))
    model, images = load_model(source, task), sample_images(images_dir)
    if task == "itm":
        from .itm_parity import itm_summary

        summary = itm_summary(model, processor, exported, [_rgb(p) for p in images], [os.path.basename(p) for p in images],
                              dtypes)
    elif task == "clip":
        summary = summarize_clip(clip_probs(model, processor, exported, images, dtypes), dtypes)
    else:
        summary = summarize_blip(blip_cases(model, processor, exported, task, images, dtypes), dtypes)
    summary.update(task=task, images=[os.path.basename(p) for p in images], passed=passed(task, summary))
    return summary
