"""The real checkpoints' files in tools/reference_configs: documented, used by the full-size models, and the
tokenizer goldens the TypeScript test compares against are what HF computes from them."""

from __future__ import annotations

import json
import os

from transformers import AutoTokenizer, BlipConfig

from tools.export.hub_files import explicit_preprocessing
from tools.fixtures import full_size
from tools.pipeline import tokenizer_golden

ROOT = full_size.REFERENCE


def test_every_reference_file_has_its_source_recorded():
    sources = open(os.path.join(ROOT, "SOURCES.md"), encoding="utf-8").read()
    for folder in ("blip-image-captioning-base", "clip-vit-base-patch32"):
        assert f"`{folder}/`" in sources
        for name in os.listdir(os.path.join(ROOT, folder)):
            assert f"`{name}`" in sources, f"{folder}/{name} has no source in SOURCES.md"


def test_tokenizer_goldens_are_what_hf_computes_now():
    committed = json.load(open(tokenizer_golden.OUT, encoding="utf-8"))
    fresh = json.loads(json.dumps(tokenizer_golden.build(), ensure_ascii=False))
    assert {k: v for k, v in fresh.items() if k != "versions"} == {k: v for k, v in committed.items() if k != "versions"}


def test_real_blip_tokenizer_has_no_dec_token_and_the_config_gives_it():
    folder = os.path.join(ROOT, "blip-image-captioning-base")
    tok = AutoTokenizer.from_pretrained(folder)
    assert len(tok) == 30522 and tok.convert_tokens_to_ids("[DEC]") == tok.unk_token_id
    text = BlipConfig.from_pretrained(folder).text_config
    assert (text.bos_token_id, text.sep_token_id, text.pad_token_id, text.vocab_size) == (30522, 102, 0, 30524)


def test_full_size_models_take_the_real_files(tmp_path):
    for task in ("clip", "caption", "vqa"):
        target = tmp_path / task
        target.mkdir()
        for name in full_size.use_real_files(task, str(target)):
            folder = full_size.REAL_FILES[task][0]
            assert (target / name).read_bytes() == open(os.path.join(ROOT, folder, name), "rb").read()
    # The written-out VQA shapes agree with the real captioning config where both describe BLIP base.
    real = BlipConfig.from_pretrained(os.path.join(ROOT, "blip-image-captioning-base"))
    for key, value in full_size.BLIP_BASE_TEXT.items():
        assert getattr(real.text_config, key) == value, key
    for key, value in full_size.BLIP_BASE_VISION.items():
        assert getattr(real.vision_config, key) == value, key


def test_legacy_preprocessor_sizes_are_written_out_for_the_app():
    """The real BLIP file says "size": 384 and leaves resample implicit; the exported file must not."""
    folder = os.path.join(ROOT, "blip-image-captioning-base")
    pre = json.load(open(os.path.join(folder, "preprocessor_config.json"), encoding="utf-8"))
    assert pre["size"] == 384 and "resample" not in pre
    out = explicit_preprocessing(folder, pre)
    assert out["size"] == {"height": 384, "width": 384}
    assert (out["resample"], out["do_rescale"], out["rescale_factor"]) == (3, True, 1 / 255)
    assert out["image_mean"] == pre["image_mean"] and out["processor_class"] == "BlipProcessor"
