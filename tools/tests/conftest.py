"""Shared fixtures: tiny models exported once per session (all dtypes), and the committed golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from tools.export.pipeline import export_model, quiet_transformers
from tools.fixtures.tiny import InitScales, build_blip, build_clip, init_weights

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "e2e" / "fixtures"
ALL_DTYPES = ("fp32", "fp16", "q8", "q4", "q4a8", "q4f16")


@pytest.fixture(scope="session", autouse=True)
def _quiet():
    quiet_transformers()
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def golden() -> dict:
    return json.loads((FIXTURES / "golden.json").read_text(encoding="utf-8"))


# Exporter parity runs on the fixture architectures with plainer weights (gain 1): the fixtures' large init
# gains (tools/fixtures/tiny.py) amplify 4-bit weight noise through the layers, which says little about q4 on
# real checkpoints. The committed fixtures themselves are validated (fp32, q8) when they are built.
PARITY_SCALES = InitScales(gain=1.0, embed_std=1.0, bias_std=0.02, norm_std=0.02)


def _tiny(task: str):
    tiny = build_clip(0) if task == "clip" else build_blip(task, 0, 0.0)
    init_weights(tiny.model, 1234, {}, PARITY_SCALES)
    return tiny


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """{task: (tiny, ExportReport, folder)} for the three tasks, every dtype, validated against PyTorch."""
    results = {}
    for task in ("clip", "caption", "vqa"):
        tiny = _tiny(task)
        out = tmp_path_factory.mktemp(f"export-{task}")
        src = tmp_path_factory.mktemp(f"src-{task}")
        tiny.model.save_pretrained(src)
        tiny.tokenizer.save_pretrained(src)
        tiny.image_processor.save_pretrained(src)
        report = export_model(tiny.model, task, str(out), ALL_DTYPES, run_validation=True, src=str(src), log=lambda *_: None)
        results[task] = (tiny, report, out, src)
    return results
