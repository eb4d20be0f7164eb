"""Tokenizer goldens on the real checkpoints' tokenizer files (tools/reference_configs): what HF transformers'
tokenizers give for the app's texts, for the TypeScript test that runs the app's tokenizers (transformers.js) on
the same files (src/worker/models/tokenizer-golden.test.ts).

    python -m tools.pipeline.tokenizer_golden     # rewrites tools/reference_configs/tokenizer-golden.json
"""

from __future__ import annotations

import json
import os
import sys

from .texts import CAPTION_PROMPT, CLIP_LABELS, CLIP_TEMPLATE, VQA_QUESTIONS

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reference_configs")
OUT = os.path.join(ROOT, "tokenizer-golden.json")

# Beyond the app's defaults: labels and queries as users type them (case, punctuation, digits, accents, spacing).
EXTRA_LABELS = ["hot dog, with mustard", "Golden Retriever", "a 3-year-old's birthday cake", "crème brûlée",
                "T-shirt", "New York City at night", "  two   spaces  ", "rock'n'roll", "U.S. flag", "3D render"]
EXTRA_QUESTIONS = ["How many coins are on the table?", "Is the astronaut's visor up?", "What's written on the sign?",
                   "what COLOR is the cup", "Where was this photo taken, indoors or outdoors?"]
CAPTIONS = ["a woman in a space suit holding a flag", "a cat laying on a couch next to a remote",
            "there is a cup of coffee on a saucer", "a rocket launching into the sky", "arafed view of a group of coins",
            "a black and white photo of a man holding a camera", "a picture of a galaxy with many stars"]


def clip_golden(folder: str) -> dict:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    texts = [CLIP_TEMPLATE.format(label) for label in CLIP_LABELS + EXTRA_LABELS] + EXTRA_QUESTIONS
    # As the app calls it (clip-engine runText): a batch, padded to the longest, truncated to the model maximum.
    batch = tok(texts, padding=True, truncation=True)
    return {"texts": texts, "input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"],
            "single": [tok(t)["input_ids"] for t in texts]}


def blip_golden(folder: str) -> dict:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        bos = json.load(f)["text_config"]["bos_token_id"]  # [DEC]: BLIP's decoder start, not in the tokenizer
    questions = VQA_QUESTIONS + EXTRA_QUESTIONS
    prompts = [CAPTION_PROMPT, "a photograph of", "an image of a"]
    encoded_prompts = [tok(p)["input_ids"] for p in prompts]
    encoded_captions = [tok(c)["input_ids"] for c in CAPTIONS]
    return {
        "bos_token_id": bos,
        "questions": [{"text": q, "ids": tok(q)["input_ids"]} for q in questions],
        # BlipForConditionalGeneration.generate: [CLS] p … [SEP] → [DEC] p … (tools/README.md, BLIP quirks).
        "caption_prompts": [{"text": p, "ids": ids, "decoder_prompt": [bos] + ids[1:-1]}
                            for p, ids in zip(prompts, encoded_prompts)],
        # Generated ids as the decoder returns them ([DEC] … [SEP]) and the text the app shows.
        "captions": [{"text": c, "ids": ids, "decoded": tok.decode([bos] + ids[1:], skip_special_tokens=True)}
                     for c, ids in zip(CAPTIONS, encoded_captions)],
    }


def build() -> dict:
    from importlib import metadata

    return {
        "generated_by": "python -m tools.pipeline.tokenizer_golden",
        "versions": {pkg: metadata.version(pkg) for pkg in ("transformers", "tokenizers")},
        "clip": clip_golden(os.path.join(ROOT, "clip-vit-base-patch32")),
        "blip": blip_golden(os.path.join(ROOT, "blip-image-captioning-base")),
    }


def main() -> int:
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(build(), f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
