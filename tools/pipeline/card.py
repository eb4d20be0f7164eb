"""The model card (README.md) of a published folder: where it comes from, what was checked, what is in it."""

from __future__ import annotations

import os

from .checkpoints import CHECKPOINTS
from .parity import CLIP_FP32_TOLERANCE

TASK_TAGS = {"clip": "zero-shot-image-classification", "caption": "image-to-text", "vqa": "visual-question-answering",
             "itm": "zero-shot-image-classification"}


def parity_lines(record: dict) -> list[str]:
    """The parity table (Markdown), one row per dtype, then every q8/q4/fp16 change."""
    summary, task = record["parity"], record["task"]
    unit = "images with the same top-1 label" if task in ("clip", "itm") else "captions/answers with identical token ids"
    lines = [f"| dtype | {unit} | note |", "|---|---|---|"]
    for dtype, row in summary["dtypes"].items():
        note = f"max abs probability difference {row['max_abs_prob_diff']:.2e}" if task in ("clip", "itm") else \
            f"{row['total'] - row['equal']} changed"
        lines.append(f"| {dtype} | {row['equal']} / {row['total']} | {note} |")
    lines.append("")
    for dtype, row in summary["dtypes"].items():
        for change in row.get("changes", []):
            query = f" ({change['text']})" if change["text"] else ""
            lines.append(f"- {dtype}, {change['image']}{query}, beams {change['num_beams']}: "
                         f"PyTorch “{change['torch']}” → ONNX “{change['onnx']}”")
    return lines


def write_card(out: str, record: dict, files: list[dict]) -> None:
    task, source = record["task"], record["source"]
    checkpoint = CHECKPOINTS[task]
    tolerance = f" and probabilities within {CLIP_FP32_TOLERANCE:g}" if task in ("clip", "itm") else ""
    rows = "\n".join(f"| `{f['path']}` | {f['size']:,} | `{f['sha256']}` |" for f in files)
    text = f"""---
license: {record['license']}
library_name: onnx
pipeline_tag: {TASK_TAGS[task]}
base_model: {checkpoint.repo}
tags: [onnx, transformers.js, multimodal-playground]
---

# {checkpoint.name}

ONNX export of [`{checkpoint.repo}`](https://huggingface.co/{checkpoint.repo}) for the multimodal playground
(in-browser inference with onnxruntime-web), made and checked by its models pipeline.

- Source checkpoint: `{source['repo']}` at revision `{source['revision']}`
- License: {record['license']} (from {record['license_from']}); the source's terms apply
- Exporter: `python -m tools.export` at commit `{record['exporter_commit']}`
- Dtypes: {', '.join(record['dtypes'])} (file suffixes as transformers.js names them)
- Graph checks against PyTorch on random inputs: {'all passed' if record['graphs_ok'] else 'FAILED'}

## Parity on real images

The app's bundled sample images; decoding greedy and beam 3. fp32 must match PyTorch exactly (token ids){tolerance};
the other dtypes are reported. Result: {'passed' if record['parity']['passed'] else 'FAILED'}.

{os.linesep.join(parity_lines(record))}

## Files

| File | Bytes | sha256 |
|---|---|---|
{rows}
"""
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)
