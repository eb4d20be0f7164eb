"""The generated models manifest (src/shared/models-manifest.json): the app's defaults, one entry per published
model, from the build records and publish results. Only what a pipeline run built, checked and published."""

from __future__ import annotations

import json
import re

ORDER = ("clip", "caption", "vqa", "itm")
HEX40 = re.compile(r"^[0-9a-f]{40}$")


def entry(record: dict, published: dict) -> dict:
    if not record["ok"]:
        raise ValueError(f"{record['task']}: the build did not pass its checks; it cannot become a default")
    for what, value in (("published revision", published["revision"]), ("source revision", record["source"]["revision"])):
        if not HEX40.match(value):
            raise ValueError(f"{record['task']}: {what} {value!r} is not a 40-digit commit hash")
    item = {
        "task": record["task"], "repo": published["repo"], "revision": published["revision"],
        "source": record["source"], "license": record["license"], "dtypes": record["dtypes"], "files": record["files"],
    }
    if "host" in published:
        item["host"] = published["host"]
    return item


def build_manifest(pairs: list[tuple[dict, dict]]) -> dict:
    models = sorted((entry(r, p) for r, p in pairs), key=lambda e: ORDER.index(e["task"]))
    return {"generated_by": "python -m tools.pipeline manifest (run by .github/workflows/models.yml); never edit by hand",
            "models": models, "schema": 1}


def write_manifest(path: str, folders: list[str]) -> dict:
    pairs = []
    for folder in folders:
        base = folder.rstrip("/")
        with open(f"{base}.record.json", encoding="utf-8") as f:
            record = json.load(f)
        with open(f"{base}.published.json", encoding="utf-8") as f:
            pairs.append((record, json.load(f)))
    manifest = build_manifest(pairs)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    return manifest
