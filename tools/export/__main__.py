"""python -m tools.export --model <hub id or local dir> --task caption|vqa|clip|itm --out <dir> [--dtypes fp32,q8] [--layout hub|onnx-community-split|mpai]"""

from __future__ import annotations

import argparse
import sys

from .dtypes import SUFFIX
from .layouts import LAYOUT_TASK, LAYOUTS
from .pipeline import TASKS, export


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.export", description=__doc__)
    parser.add_argument("--model", required=True, help="Hugging Face Hub id or local folder (save_pretrained layout)")
    parser.add_argument("--task", required=True, choices=TASKS)
    parser.add_argument("--out", required=True, help="output model folder (Hub layout, ONNX files under onnx/)")
    parser.add_argument("--dtypes", default="fp32,q8", help=f"comma-separated subset of {','.join(SUFFIX)}")
    parser.add_argument("--layout", default=LAYOUTS[0], choices=LAYOUTS,
                        help="file layout: ours (hub) or a third-party repository's, for tests (fp32 only)")
    parser.add_argument("--attention-maps", action="store_true",
                        help="add cross_attentions.{layer} (BLIP decoder, VQA encoder) and patch_embeds (CLIP vision) outputs")
    parser.add_argument("--no-validate", action="store_true", help="skip the parity checks against PyTorch")
    args = parser.parse_args(argv)
    dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    unknown = [d for d in dtypes if d not in SUFFIX]
    if unknown:
        parser.error(f"unknown dtypes {unknown}; choose from {list(SUFFIX)}")
    if args.layout != LAYOUTS[0] and (LAYOUT_TASK[args.layout] != args.task or dtypes != ["fp32"]):
        parser.error(f"--layout {args.layout} writes task {LAYOUT_TASK[args.layout]} with --dtypes fp32 only")
    if args.attention_maps and args.layout != LAYOUTS[0]:
        parser.error("--attention-maps writes our own layout (hub) only")
    report = export(args.model, args.task, args.out, dtypes, run_validation=not args.no_validate, layout=args.layout,
                    attention_maps=args.attention_maps)
    for line in report.lines():
        print(line)
    if not report.ok:
        print("FAILED: at least one output is outside its tolerance", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
