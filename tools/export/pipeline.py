"""Export one model folder (DESIGN §3): ONNX graphs per dtype, JSON files, then parity checks."""

from __future__ import annotations

import dataclasses
import os
import time

import onnx
import torch

from . import blip_itm, graphs, layouts, validate
from .dtypes import SUFFIX, convert
from .hub_files import resolve_source, write_hub_files
from .merge import merge_decoders

TASKS = ("caption", "vqa", "clip", "itm")


@dataclasses.dataclass
class ExportReport:
    out: str
    checks: list[validate.Check]
    sizes: dict[str, int]  # file path relative to out -> bytes

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def lines(self) -> list[str]:
        """One row per graph, dtype and output (present.* grouped: worst error, lowest cosine), then file sizes."""
        rows = []
        for c in self.checks:
            groups: dict[str, list[str]] = {}
            for name in c.errors:
                groups.setdefault("present.*" if name.startswith("present.") else name, []).append(name)
            for label, names in groups.items():
                err = max(c.errors[n] for n in names)
                cos = min(c.cosines[n] for n in names)
                status = "ok" if all(c.passed(n) for n in names) else "FAIL"
                rows.append(f"{c.graph:40s} {c.dtype:5s} {label:18s} max_abs_err={err:.2e} cosine={cos:.6f} {status}")
        rows += [f"{path:50s} {size / 1e6:10.3f} MB" for path, size in sorted(self.sizes.items())]
        return rows


def quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def load_model(src: str, task: str):
    from transformers import (BlipForConditionalGeneration, BlipForImageTextRetrieval, BlipForQuestionAnswering,
                              CLIPModel)

    quiet_transformers()
    cls = {"caption": BlipForConditionalGeneration, "vqa": BlipForQuestionAnswering, "clip": CLIPModel,
           "itm": BlipForImageTextRetrieval}[task]
    model = cls.from_pretrained(src, attn_implementation="eager", dtype=torch.float32)
    return model.eval()


def _single_graphs(model, task: str, attention_maps: bool = False) -> list[graphs.GraphSpec]:
    if task == "clip":
        return graphs.clip_specs(model, attention_maps)
    if task == "itm":
        return blip_itm.itm_specs(model)
    specs = [graphs.blip_vision_spec(model)]
    if task == "vqa":
        specs.append(graphs.blip_text_encoder_spec(model, attention_maps))
    return specs


def _decoder_memory_size(model, task: str) -> int:
    # Caption: the decoder cross-attends to the image states; VQA: to the question encoder's states.
    return model.config.vision_config.hidden_size if task == "caption" else model.config.text_config.hidden_size


def export_model(model, task: str, out: str, dtypes=("fp32", "q8"), run_validation: bool = True, src: str | None = None,
                 log=print, attention_maps: bool = False) -> ExportReport:
    """Export an already loaded HF model. `src` (folder with its config/tokenizer files) is needed for the JSON files.
    `attention_maps` adds the optional outputs cross_attentions.{layer} (BLIP) and patch_embeds (CLIP vision)."""
    if task not in TASKS:
        raise ValueError(f"task must be one of {TASKS}")
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    started = time.time()
    singles = [(spec, graphs.export_graph(spec)) for spec in _single_graphs(model, task, attention_maps)]
    branches = None
    if task in ("caption", "vqa"):
        enc_size = _decoder_memory_size(model, task)
        specs = graphs.blip_decoder_specs(model, enc_size, attention_maps)
        branches = [graphs.export_graph(spec, batch=2, seq=3) for spec in specs]
    log(f"traced {len(singles) + (2 if branches else 0)} graphs in {time.time() - started:.1f}s")

    sizes, checks = {}, []
    for dtype in dtypes:
        suffix = SUFFIX[dtype]
        for spec, proto in singles:
            path = os.path.join(onnx_dir, f"{spec.name}{suffix}.onnx")
            onnx.save(convert(proto, dtype), path)
            sizes[os.path.relpath(path, out)] = os.path.getsize(path)
            if run_validation:
                # ITM has 2 logits per row: 8 rows give the cosine of quantized dtypes enough values to mean something.
                batch = 8 if task == "itm" else 2
                reference = _reference(model, task, spec.name, attention_maps)
                checks.append(validate.check_encoder(path, spec, reference, spec.name, dtype, batch=batch))
        if branches:
            merged = merge_decoders(convert(branches[0], dtype), convert(branches[1], dtype))
            path = os.path.join(onnx_dir, f"text_decoder_model_merged{suffix}.onnx")
            onnx.save(merged, path)
            sizes[os.path.relpath(path, out)] = os.path.getsize(path)
            if run_validation:
                checks += validate.check_decoder(path, model.text_decoder, _decoder_memory_size(model, task), dtype,
                                                 attention_maps=attention_maps)
        log(f"{dtype}: written ({time.time() - started:.1f}s)")
    if src is not None:
        write_hub_files(src, out, model, task)
    return ExportReport(out, checks, sizes)


def _reference(model, task: str, graph_name: str, attention_maps: bool = False):
    """HF's own forward for each single graph, returning the graph's named outputs."""
    if task == "itm":
        return blip_itm.itm_reference(model, graph_name)
    if task == "clip" and graph_name == "text_model":
        def ref(input_ids, attention_mask):
            out = model.get_text_features(input_ids=input_ids, attention_mask=attention_mask)
            return {"text_embeds": out.pooler_output, "last_hidden_state": out.last_hidden_state}
        return ref
    if task == "clip":
        def ref(pixel_values):
            out = model.get_image_features(pixel_values=pixel_values)
            named = {"image_embeds": out.pooler_output, "last_hidden_state": out.last_hidden_state}
            if attention_maps:
                named["patch_embeds"] = model.visual_projection(model.vision_model.post_layernorm(out.last_hidden_state[:, 1:]))
            return named
        return ref
    if graph_name == "vision_model":
        return lambda pixel_values: {"last_hidden_state": model.vision_model(pixel_values=pixel_values).last_hidden_state}

    def ref(input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        out = model.text_encoder(input_ids=input_ids, attention_mask=attention_mask, output_attentions=attention_maps,
                                 encoder_hidden_states=encoder_hidden_states, encoder_attention_mask=encoder_attention_mask)
        named = {"last_hidden_state": out.last_hidden_state}
        for i, probs in enumerate(out.cross_attentions or ()):
            named[f"cross_attentions.{i}"] = probs.mean(dim=1)
        return named
    return ref


def export(model_ref: str, task: str, out: str, dtypes=("fp32", "q8"), run_validation: bool = True, log=print,
           layout: str = layouts.HUB, attention_maps: bool = False) -> ExportReport:
    """CLI entry: `model_ref` is a local folder or a Hub id. A third-party `layout` (tools/export/layouts.py)
    writes that repository's file names instead, fp32 only."""
    src = resolve_source(model_ref)
    model = load_model(src, task)
    if layout == layouts.HUB:
        return export_model(model, task, out, dtypes, run_validation, src=src, log=log, attention_maps=attention_maps)
    sizes, checks = layouts.export_layout(model, task, out, layout, run_validation, log=log)
    write_hub_files(src, out, model, task)
    return ExportReport(out, checks, sizes)
