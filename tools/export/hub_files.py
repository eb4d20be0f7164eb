"""The JSON side of a model folder: config, generation config, preprocessor config and tokenizer files."""

from __future__ import annotations

import json
import os
import shutil

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
SPECIAL_KEYS = ("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token")


def resolve_source(model: str, revision: str | None = None) -> str:
    """A local folder as is; otherwise a Hub id at `revision` (default: main), downloaded (configs, tokenizer,
    weights) to the HF cache."""
    if os.path.isdir(model):
        return model
    from huggingface_hub import snapshot_download

    folder = snapshot_download(model, revision=revision, allow_patterns=["*.json", "*.txt", "*.safetensors"])
    if not any(name.endswith(".safetensors") for name in os.listdir(folder)):
        # older repos: PyTorch pickles
        folder = snapshot_download(model, revision=revision, allow_patterns=["*.json", "*.txt", "*.bin"])
    return folder


def write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _standard_processor_name(name: str) -> str:
    """transformers 5 names its PIL/torchvision backends e.g. 'BlipImageProcessorPil'; transformers.js and older
    readers know the plain class name."""
    for suffix in ("Pil", "Fast"):
        if name.endswith(suffix) and name[: -len(suffix)].endswith("ImageProcessor"):
            return name[: -len(suffix)]
    return name


# What the app's preprocessing reads (src/worker/models/image-preprocess.ts); sizes must be objects.
PREPROCESSING_KEYS = ("do_resize", "size", "resample", "do_center_crop", "crop_size", "do_rescale", "rescale_factor",
                      "do_normalize", "image_mean", "image_std")


def explicit_preprocessing(src: str, pre: dict) -> dict:
    """Older configs leave HF's defaults implicit: the real Salesforce BLIP checkpoints have `"size": 384` (an int,
    meaning 384x384 for BLIP but the shortest edge for CLIP) and no `resample` (bicubic) or `rescale_factor`. Readers
    other than HF would guess; write them out as the image processor HF builds from the same file reads them."""
    def implicit(key: str) -> bool:
        return key not in pre or (key in ("size", "crop_size") and isinstance(pre[key], int))

    if not any(implicit(key) for key in PREPROCESSING_KEYS):
        return pre
    from transformers import AutoImageProcessor

    resolved = json.loads(AutoImageProcessor.from_pretrained(src).to_json_string())
    return {**pre, **{key: resolved[key] for key in PREPROCESSING_KEYS if implicit(key) and key in resolved}}


def write_hub_files(src: str, out: str, model, task: str) -> list[str]:
    """Copy/produce the JSON files of DESIGN §3 into `out`. Returns the names written."""
    from transformers import AutoImageProcessor, AutoTokenizer

    os.makedirs(out, exist_ok=True)
    config = _read(os.path.join(src, "config.json"))
    if task == "clip":
        # The split graphs have no logit_scale; the runtime reads the trained (log-space) value from here.
        config["logit_scale"] = float(model.logit_scale.detach().float().item())
    if task == "itm":
        # BlipForImageTextRetrieval has no learned temperature (HF's conversion keeps none of BLIP's `temp`): the
        # ITC softmax uses the config's initial value, in CLIP's log-space convention. Unverified against the
        # original checkpoint's trained `temp` (README, "BLIP retrieval").
        config["logit_scale"] = float(model.config.logit_scale_init_value)
    write_json(os.path.join(out, "config.json"), config)

    gen_path = os.path.join(src, "generation_config.json")
    if os.path.exists(gen_path):
        shutil.copyfile(gen_path, os.path.join(out, "generation_config.json"))
    else:
        write_json(os.path.join(out, "generation_config.json"), _generation_config(model))

    pre_path = os.path.join(src, "preprocessor_config.json")
    if os.path.exists(pre_path):
        pre = _read(pre_path)
    else:
        processor = AutoImageProcessor.from_pretrained(src)
        pre = processor.to_dict()
    pre = explicit_preprocessing(src, pre)
    if "image_processor_type" in pre:
        pre["image_processor_type"] = _standard_processor_name(pre["image_processor_type"])
    write_json(os.path.join(out, "preprocessor_config.json"), pre)

    if not all(os.path.exists(os.path.join(src, f)) for f in TOKENIZER_FILES[:2]):
        AutoTokenizer.from_pretrained(src).save_pretrained(out)
    else:
        for name in TOKENIZER_FILES[:2]:
            shutil.copyfile(os.path.join(src, name), os.path.join(out, name))
    _complete_tokenizer_files(src, out)
    return ["config.json", "generation_config.json", "preprocessor_config.json", *TOKENIZER_FILES]


def _generation_config(model) -> dict:
    """The model's generation config; CLIP has none, so it gets one with the text tower's special ids."""
    from transformers import GenerationConfig

    if getattr(model, "generation_config", None) is not None:
        return model.generation_config.to_diff_dict()
    text = getattr(model.config, "text_config", model.config)
    ids = {k: getattr(text, k, None) for k in ("bos_token_id", "eos_token_id", "pad_token_id")}
    return GenerationConfig(**{k: v for k, v in ids.items() if v is not None}).to_diff_dict()


def _complete_tokenizer_files(src: str, out: str) -> None:
    """transformers 5 no longer writes special_tokens_map.json, nor clean_up_tokenization_spaces when it is
    False, and calls the extra special tokens `extra_special_tokens`; fill these in (both spellings) so that
    transformers.js and older readers see what HF uses."""
    cfg_path = os.path.join(out, "tokenizer_config.json")
    cfg = _read(cfg_path)
    if "clean_up_tokenization_spaces" not in cfg:
        # Readers disagree on the default (transformers 5: False, transformers.js: true); write HF's value.
        from transformers import AutoTokenizer

        cfg["clean_up_tokenization_spaces"] = bool(AutoTokenizer.from_pretrained(src).clean_up_tokenization_spaces)
    extra = cfg.get("extra_special_tokens")
    if isinstance(extra, list) and "additional_special_tokens" not in cfg:
        cfg["additional_special_tokens"] = list(extra)
    write_json(cfg_path, cfg)

    src_map = os.path.join(src, "special_tokens_map.json")
    if os.path.exists(src_map):
        shutil.copyfile(src_map, os.path.join(out, "special_tokens_map.json"))
        return
    special = {k: cfg[k] for k in SPECIAL_KEYS if cfg.get(k) is not None}
    if cfg.get("additional_special_tokens"):
        special["additional_special_tokens"] = cfg["additional_special_tokens"]
    write_json(os.path.join(out, "special_tokens_map.json"), special)
