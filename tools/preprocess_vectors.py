"""Golden vectors for the TypeScript image preprocessing (PIL resampling + HF processors).

Writes src/worker/models/preprocess-vectors.json: small deterministic RGB images and the
`pixel_values` that transformers' PIL-backed CLIP and BLIP image processors produce for them,
so the TypeScript port can be checked bit for bit in Node (no image decoder needed).

Run from the repository root:  python3 -m tools.preprocess_vectors
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from PIL import Image
from transformers.models.blip.image_processing_pil_blip import BlipImageProcessorPil
from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

OUT = Path(__file__).resolve().parent.parent / "src/worker/models/preprocess-vectors.json"
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]


def make_image(width: int, height: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([(x * 9) % 256, (y * 13) % 256, ((x * y) // 3) % 256], -1)
    noise = rng.integers(-40, 40, base.shape)
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def main() -> None:
    processors = {
        # Shortest-edge resize (down and up), centre crop, bicubic.
        "clip": CLIPImageProcessorPil(size={"shortest_edge": 12}, crop_size={"height": 12, "width": 12},
                                      do_center_crop=True, resample=3, image_mean=MEAN, image_std=STD),
        # Fixed-size resize, bicubic, no crop.
        "blip": BlipImageProcessorPil(size={"height": 16, "width": 16}, resample=3, image_mean=MEAN, image_std=STD),
        # Bilinear, to cover the other filter.
        "bilinear": BlipImageProcessorPil(size={"height": 9, "width": 31}, resample=2, image_mean=MEAN, image_std=STD),
    }
    cases = []
    for width, height, seed in [(23, 17, 1), (7, 5, 2), (40, 41, 3)]:
        image = make_image(width, height, seed)
        case = {"width": width, "height": height, "rgb": base64.b64encode(image.tobytes()).decode(), "outputs": {}}
        for name, processor in processors.items():
            pixel_values = processor(images=Image.fromarray(image), return_tensors="np")["pixel_values"][0]
            case["outputs"][name] = {
                "dims": list(pixel_values.shape),
                "values": [float(v) for v in pixel_values.astype(np.float32).ravel()],
            }
        cases.append(case)
    config = {name: processor.to_dict() for name, processor in processors.items()}
    OUT.write_text(json.dumps({"configs": config, "cases": cases}, sort_keys=True) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
