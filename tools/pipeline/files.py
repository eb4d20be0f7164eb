"""Sizes and sha256 of a model folder's files, as the manifest and the model card list them."""

from __future__ import annotations

import hashlib
import os


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def list_files(folder: str, exclude: tuple[str, ...] = ()) -> list[dict]:
    rows = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            if rel not in exclude:
                rows.append({"path": rel, "size": os.path.getsize(path), "sha256": sha256(path)})
    return sorted(rows, key=lambda row: row["path"])
