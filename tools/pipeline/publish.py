"""Publish a built folder: to a Hugging Face Hub namespace (token from HF_TOKEN), or beside the site under models/.

Writes `<folder>.published.json` ({"repo", "revision"[, "host"]}) for the manifest step. The Hub upload is the one
step no test here runs (no Hub access); beside-the-site publishing is tested.
"""

from __future__ import annotations

import json
import os
import shutil

SITE_HOST = {"host": "models/", "pathTemplate": "{repo}/{file}"}


def _write(folder: str, published: dict) -> dict:
    with open(f"{folder.rstrip(os.sep)}.published.json", "w", encoding="utf-8") as f:
        json.dump(published, f, indent=2, sort_keys=True)
        f.write("\n")
    return published


def to_hub(folder: str, namespace: str, token: str | None = None) -> dict:
    """Uploads into `<namespace>/<folder name>` (created if missing) and pins the commit the upload made."""
    from huggingface_hub import HfApi

    api = HfApi(token=token or os.environ.get("HF_TOKEN"))
    repo = f"{namespace}/{os.path.basename(folder.rstrip(os.sep))}"
    api.create_repo(repo, repo_type="model", exist_ok=True)
    commit = api.upload_folder(repo_id=repo, folder_path=folder, commit_message="Export by the models pipeline")
    return _write(folder, {"repo": repo, "revision": commit.oid})


def beside_site(folder: str, site_models: str, revision: str) -> dict:
    """Copies the folder to `<site_models>/<name>/`; the site serves it at `models/<name>/<file>` (no revision in
    the path: `revision` records the commit the site was built from)."""
    name = os.path.basename(folder.rstrip(os.sep))
    target = os.path.join(site_models, name)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)
    return _write(folder, {"repo": name, "revision": revision, "host": SITE_HOST})
