"""One checkpoint through the pipeline: pin, export (graph checks), parity on the sample images, model card.

Writes `<out>/` (the folder to publish: the app's dtypes only, plus README.md) and `<out>.record.json` (what the
publish and manifest steps need). fp32 graphs are always exported for the parity checks; they are published only
when fp32 is one of the app's dtypes.
"""

from __future__ import annotations

import json
import os
import subprocess

from ..export.dtypes import SUFFIX
from ..export.hub_files import resolve_source
from ..export.pipeline import export
from . import card, parity
from .checkpoints import resolve
from .files import list_files


def exporter_commit() -> str:
    """The commit of the exporter that ran: GITHUB_SHA in Actions, else the working tree's HEAD (+ "-dirty")."""
    if os.environ.get("GITHUB_SHA"):
        return os.environ["GITHUB_SHA"]
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=os.path.dirname(here),
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _drop_unpublished(out: str, keep: list[str]) -> None:
    for name in os.listdir(os.path.join(out, "onnx")):
        stem = name[: -len(".onnx")]
        dtype = next((d for d, sfx in sorted(SUFFIX.items(), key=lambda kv: -len(kv[1])) if sfx and stem.endswith(sfx)), "fp32")
        if dtype not in keep:
            os.remove(os.path.join(out, "onnx", name))


def build(model: str, task: str, out: str, dtypes: list[str], images: str, revision: str | None = None, log=print) -> dict:
    pinned = resolve(model, task) if revision is None else {**resolve(model, task), "revision": revision}
    source = resolve_source(model, pinned["revision"] if not os.path.isdir(model) else None)
    exported = ["fp32"] + [d for d in dtypes if d != "fp32"]
    report = export(source, task, out, exported, run_validation=True, log=log)
    for line in report.lines():
        log("  " + line)
    log("parity on the sample images ...")
    summary = parity.run_parity(source, out, task, images, exported)
    _drop_unpublished(out, dtypes)
    record = {
        "task": task, "source": {"repo": pinned["repo"], "revision": pinned["revision"]},
        "license": pinned["license"], "license_from": pinned["license_from"], "exporter_commit": exporter_commit(),
        "dtypes": dtypes, "graph_checks": report.lines(), "graphs_ok": report.ok,
        "parity": summary, "ok": report.ok and summary["passed"],
    }
    card.write_card(out, record, list_files(out, exclude=("README.md",)))
    record["files"] = list_files(out)
    with open(f"{out.rstrip(os.sep)}.record.json", "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2, sort_keys=True)
        f.write("\n")
    for line in card.parity_lines(record):
        log(line)
    return record
