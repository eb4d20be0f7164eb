"""Reference parameter counts for the TypeScript ONNX reader (src/worker/models/onnx-stats.ts).

Counts every initializer element of each fixture graph with the `onnx` library, including the
subgraphs of If nodes (merged decoders), each initializer name once, and writes them to
src/worker/models/onnx-stats-vectors.json.

Run from the repository root:  python3 -m tools.onnx_stats_vectors
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "e2e/fixtures/models"
OUT = ROOT / "src/worker/models/onnx-stats-vectors.json"


def count(path: Path) -> dict[str, int]:
    model = onnx.load(str(path), load_external_data=False)
    seen: dict[str, int] = {}

    def walk(graph: onnx.GraphProto) -> None:
        for tensor in graph.initializer:
            seen[tensor.name] = int(np.prod(tensor.dims)) if len(tensor.dims) else 1
        for node in graph.node:
            for attribute in node.attribute:
                if attribute.type == onnx.AttributeProto.GRAPH:
                    walk(attribute.g)
                for subgraph in attribute.graphs:
                    walk(subgraph)

    walk(model.graph)
    return {"parameters": sum(seen.values()), "initializers": len(seen)}


def main() -> None:
    vectors = {str(path.relative_to(MODELS)): count(path) for path in sorted(MODELS.rglob("*.onnx"))}
    OUT.write_text(json.dumps(vectors, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
