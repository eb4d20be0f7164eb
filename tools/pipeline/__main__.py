"""python -m tools.pipeline resolve|build|publish|manifest — the models pipeline's steps (.github/workflows/models.yml).

  resolve  [--only clip,caption,vqa,itm]   (prints the checkpoints pinned to the commits their `main` points at now)
  build    --task T --model <hub id or local folder> --out DIR [--revision SHA] [--dtypes q8] [--images public/samples]
  publish  --folder DIR (--namespace NS | --site-models DIR --site-revision SHA)
  manifest --out src/shared/models-manifest.json DIR [DIR ...]
"""

from __future__ import annotations

import argparse
import json
import sys

from .checkpoints import CHECKPOINTS, resolve

# The same names as tools/export/dtypes.py SUFFIX, which is not imported here: resolve/publish/manifest run
# without torch and onnx installed.
DTYPES = ("fp32", "fp16", "q8", "q4", "q4a8", "q4f16")


def _dtypes(value: str) -> list[str]:
    dtypes = [d.strip() for d in value.split(",") if d.strip()]
    unknown = [d for d in dtypes if d not in DTYPES]
    if unknown or not dtypes:
        raise argparse.ArgumentTypeError(f"dtypes must be a comma list of {','.join(DTYPES)}, got {value!r}")
    return dtypes


def _resolve(only: list[str]) -> list[dict]:
    rows = []
    for task in only:
        checkpoint = CHECKPOINTS[task]
        pinned = resolve(checkpoint.repo, task)
        rows.append({"task": task, "repo": checkpoint.repo, "name": checkpoint.name, "revision": pinned["revision"],
                     "license": pinned["license"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    r = steps.add_parser("resolve", help="pin each checkpoint to its current commit (needs the Hub)")
    r.add_argument("--only", default=",".join(CHECKPOINTS))
    b = steps.add_parser("build", help="pin, export, validate, write the model card")
    b.add_argument("--task", required=True, choices=sorted(CHECKPOINTS))
    b.add_argument("--model", required=True, help="Hub id or local save_pretrained folder")
    b.add_argument("--revision", help="the source commit (default: resolve the Hub's main now)")
    b.add_argument("--out", required=True)
    b.add_argument("--dtypes", type=_dtypes, default=["q8"], help="the dtypes the app's defaults load (published)")
    b.add_argument("--images", default="public/samples")
    p = steps.add_parser("publish", help="upload to the Hub, or place beside the site")
    p.add_argument("--folder", required=True)
    p.add_argument("--namespace", help="Hub user or organisation (token: HF_TOKEN)")
    p.add_argument("--site-models", help="the site's models/ folder (when no namespace is set)")
    p.add_argument("--site-revision", help="the commit the site is built from (40 hex digits)")
    m = steps.add_parser("manifest", help="write the manifest the app's defaults come from")
    m.add_argument("--out", required=True)
    m.add_argument("folders", nargs="+")
    args = parser.parse_args(argv)

    if args.step == "resolve":
        print(json.dumps(_resolve([t.strip() for t in args.only.split(",") if t.strip()])))
        return 0
    if args.step == "build":
        from .build import build

        record = build(args.model, args.task, args.out, args.dtypes, args.images, args.revision)
        print("OK" if record["ok"] else "FAILED: graph checks or parity failed (see above)")
        return 0 if record["ok"] else 1
    if args.step == "publish":
        from . import publish

        if args.namespace:
            result = publish.to_hub(args.folder, args.namespace)
        elif args.site_models and args.site_revision:
            result = publish.beside_site(args.folder, args.site_models, args.site_revision)
        else:
            parser.error("publish needs --namespace, or --site-models with --site-revision")
        print(f"published {args.folder} as {result['repo']} @ {result['revision']}")
        return 0
    from .manifest import write_manifest

    manifest = write_manifest(args.out, args.folders)
    print(f"{args.out}: {len(manifest['models'])} models ({', '.join(e['task'] for e in manifest['models'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
