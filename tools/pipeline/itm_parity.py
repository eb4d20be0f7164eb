"""Parity of an exported BLIP retrieval folder (task `itm`) with PyTorch on the sample images: ITC softmax over the
app's default labels and the ITM match probability of each (image, label), from the ONNX graphs against HF's
BlipForImageTextRetrieval (use_itm_head False / True). Same contract as CLIP: fp32 keeps every top-1 and stays
within the tolerance; other dtypes are reported."""

from __future__ import annotations

import json
import os

import numpy as np
import torch

from ..export.dtypes import SUFFIX
from ..export.validate import session
from .texts import CLIP_LABELS, CLIP_TEMPLATE


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _torch_scores(model, pixels, texts_enc, scale: float) -> np.ndarray:
    """[images, 2 * labels]: ITC softmax, then ITM match probabilities, each label scored alone."""
    rows = []
    with torch.no_grad():
        for pixel in pixels:
            itc, itm = [], []
            for ids, mask in texts_enc:
                kwargs = dict(input_ids=ids, attention_mask=mask, pixel_values=pixel[None])
                itc.append(float(model(**kwargs, use_itm_head=False).itm_score[0, 0]))
                itm.append(float(model(**kwargs, use_itm_head=True).itm_score.softmax(-1)[0, 1]))
            rows.append(np.concatenate([_softmax(scale * np.array(itc)), np.array(itm)]))
    return np.stack(rows)


def _onnx_scores(exported: str, dtype: str, pixels: np.ndarray, texts_enc, scale: float) -> np.ndarray:
    onnx_dir = os.path.join(exported, "onnx")
    vision = session(os.path.join(onnx_dir, f"vision_model{SUFFIX[dtype]}.onnx"))
    text = session(os.path.join(onnx_dir, f"text_model{SUFFIX[dtype]}.onnx"))
    itm = session(os.path.join(onnx_dir, f"itm_model{SUFFIX[dtype]}.onnx"))
    image_embeds, states = vision.run(["image_embeds", "last_hidden_state"], {"pixel_values": pixels})
    text_embeds = np.concatenate([text.run(["text_embeds"], {"input_ids": i.numpy(), "attention_mask": m.numpy()})[0]
                                  for i, m in texts_enc])
    cos = _unit(image_embeds) @ _unit(text_embeds).T
    rows = []
    for image, state in enumerate(states):
        probs = []
        for ids, mask in texts_enc:
            logits = itm.run(["itm_logits"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                              "encoder_hidden_states": state[None],
                                              "encoder_attention_mask": np.ones((1, state.shape[0]), np.int64)})[0]
            probs.append(_softmax(logits)[0, 1])
        rows.append(np.concatenate([_softmax(scale * cos[image]), np.array(probs)]))
    return np.stack(rows)


def itm_summary(model, processor, exported: str, images: list, names: list[str], dtypes: list[str]) -> dict:
    """Like parity.summarize_clip: per dtype, images whose ITC and ITM top-1 labels both match, and the worst
    probability difference."""
    texts = [CLIP_TEMPLATE.format(label) for label in CLIP_LABELS]
    enc = [processor.tokenizer(t, return_tensors="pt", return_token_type_ids=False) for t in texts]
    texts_enc = [(e.input_ids, e.attention_mask) for e in enc]
    pixels = processor(images=images, return_tensors="pt").pixel_values
    with open(os.path.join(exported, "config.json"), encoding="utf-8") as f:
        scale = float(np.exp(json.load(f)["logit_scale"]))
    ref = _torch_scores(model, pixels, texts_enc, scale)
    n = len(CLIP_LABELS)
    probs = {"labels": CLIP_LABELS, "images": names, "columns": "itc softmax, then itm match probability",
             "torch": ref.tolist()}
    summary = {"probs": probs, "dtypes": {}}
    for dtype in dtypes:
        got = _onnx_scores(exported, dtype, pixels.numpy(), texts_enc, scale)
        probs[dtype] = got.tolist()
        same = [(got[i, :n].argmax() == ref[i, :n].argmax()) and (got[i, n:].argmax() == ref[i, n:].argmax())
                for i in range(len(ref))]
        summary["dtypes"][dtype] = {"equal": int(sum(same)), "total": len(ref),
                                    "max_abs_prob_diff": float(np.abs(got - ref).max())}
    return summary
