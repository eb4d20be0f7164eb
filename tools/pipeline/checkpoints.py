"""The checkpoints the app's defaults are made from, and how a source's exact revision is pinned.

Repository ids are the ones named by issue 18; licenses are read from the source repository's card on the Hub
when it is resolved (the values below are only the fallback for local folders, and say so in the record).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    task: str
    repo: str
    name: str  # the published repository's name (under the namespace) or folder (beside the site)
    license: str


CHECKPOINTS = {
    "clip": Checkpoint("clip", "openai/clip-vit-base-patch32", "clip-vit-base-patch32-onnx", "mit"),
    "caption": Checkpoint("caption", "Salesforce/blip-image-captioning-base", "blip-image-captioning-base-onnx",
                          "bsd-3-clause"),
    "vqa": Checkpoint("vqa", "Salesforce/blip-vqa-base", "blip-vqa-base-onnx", "bsd-3-clause"),
    # Named by issue 15 (BLIP retrieval); its license is read from its card like the others when resolved.
    "itm": Checkpoint("itm", "Salesforce/blip-itm-base-coco", "blip-itm-base-coco-onnx", "bsd-3-clause"),
}


def folder_revision(folder: str) -> str:
    """A local folder has no commit: its content hash (40 hex digits, over names and bytes) stands in for one."""
    digest = hashlib.sha256()
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:40]


def resolve(model: str, task: str) -> dict:
    """{"repo", "revision", "license", "license_from"}: a Hub id is pinned to the commit `main` points at now."""
    fallback = CHECKPOINTS[task].license
    if os.path.isdir(model):
        return {"repo": os.path.abspath(model), "revision": folder_revision(model), "license": fallback,
                "license_from": "tools/pipeline/checkpoints.py (local folder)"}
    from huggingface_hub import HfApi

    info = HfApi().model_info(model)
    card_license = (info.card_data or {}).get("license") if info.card_data is not None else None
    return {"repo": model, "revision": info.sha, "license": card_license or fallback,
            "license_from": "the source repository's model card" if card_license else "tools/pipeline/checkpoints.py"}
