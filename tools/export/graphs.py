"""PyTorch modules for each exported ONNX graph, with example inputs and the TorchScript ONNX export call."""

from __future__ import annotations

import dataclasses
import io
import warnings
from typing import Callable

import onnx
import torch
from torch import nn

from .blip_decoder import BlipDecoderGraph, BlipTextEncoderGraph, cross_attention_names, decoder_io_names

OPSET = 17


@dataclasses.dataclass
class GraphSpec:
    """One ONNX graph: the torch module to trace, named example inputs, output names and dynamic axes."""

    name: str
    module: nn.Module
    make_inputs: Callable[[int, int], dict[str, torch.Tensor]]  # (batch, seq) -> inputs, in argument order
    output_names: list[str]
    dynamic_axes: dict[str, dict[int, str]]


class ClipTextGraph(nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.text_model = clip.text_model
        self.text_projection = clip.text_projection

    def forward(self, input_ids, attention_mask):
        out = self.text_model(input_ids=input_ids, attention_mask=attention_mask)
        return self.text_projection(out.pooler_output), out.last_hidden_state


class ClipVisionGraph(nn.Module):
    def __init__(self, clip, patch_embeds: bool = False):
        super().__init__()
        self.vision_model = clip.vision_model
        self.visual_projection = clip.visual_projection
        self.patch_embeds = patch_embeds

    def forward(self, pixel_values):
        out = self.vision_model(pixel_values=pixel_values)
        pooled = self.visual_projection(out.pooler_output)
        if not self.patch_embeds:
            return pooled, out.last_hidden_state
        # The pooled token's own path (post-layernorm, then the projection) applied to every patch token.
        patches = self.visual_projection(self.vision_model.post_layernorm(out.last_hidden_state[:, 1:]))
        return pooled, out.last_hidden_state, patches


class BlipVisionGraph(nn.Module):
    def __init__(self, vision_model):
        super().__init__()
        self.vision_model = vision_model

    def forward(self, pixel_values):
        return self.vision_model(pixel_values=pixel_values).last_hidden_state


def _text_batch(gen: torch.Generator, batch: int, seq: int, vocab: int, end_id: int | None):
    """Random ids with a padded tail on every row after the first (tests that masks are honoured)."""
    ids = torch.randint(0, vocab, (batch, seq), generator=gen)
    mask = torch.ones(batch, seq, dtype=torch.long)
    for row in range(1, batch):
        length = max(2, seq - row)
        mask[row, length:] = 0
        if end_id is not None:
            ids[row, length - 1] = end_id
    if end_id is not None:
        ids[0, seq - 1] = end_id
    return ids, mask


def _pixels(gen: torch.Generator, batch: int, vision_config) -> torch.Tensor:
    size = vision_config.image_size
    return torch.randn(batch, 3, size, size, generator=gen)


def clip_specs(model, attention_maps: bool = False) -> list[GraphSpec]:
    text_cfg, vision_cfg = model.config.text_config, model.config.vision_config

    def text_inputs(batch, seq, seed=0):
        gen = torch.Generator().manual_seed(seed)
        ids, mask = _text_batch(gen, batch, seq, text_cfg.vocab_size, text_cfg.eos_token_id)
        return {"input_ids": ids, "attention_mask": mask}

    def vision_inputs(batch, seq, seed=0):
        return {"pixel_values": _pixels(torch.Generator().manual_seed(seed), batch, vision_cfg)}

    return [
        GraphSpec(
            "text_model", ClipTextGraph(model), text_inputs, ["text_embeds", "last_hidden_state"],
            {
                "input_ids": {0: "batch_size", 1: "sequence_length"},
                "attention_mask": {0: "batch_size", 1: "sequence_length"},
                "text_embeds": {0: "batch_size"},
                "last_hidden_state": {0: "batch_size", 1: "sequence_length"},
            },
        ),
        GraphSpec(
            "vision_model", ClipVisionGraph(model, attention_maps), vision_inputs,
            ["image_embeds", "last_hidden_state"] + (["patch_embeds"] if attention_maps else []),
            {"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"}, "last_hidden_state": {0: "batch_size"},
             **({"patch_embeds": {0: "batch_size"}} if attention_maps else {})},
        ),
    ]


def blip_vision_spec(model) -> GraphSpec:
    vision_cfg = model.config.vision_config

    def inputs(batch, seq, seed=0):
        return {"pixel_values": _pixels(torch.Generator().manual_seed(seed), batch, vision_cfg)}

    return GraphSpec(
        "vision_model", BlipVisionGraph(model.vision_model), inputs, ["last_hidden_state"],
        {"pixel_values": {0: "batch_size"}, "last_hidden_state": {0: "batch_size"}},
    )


def blip_text_encoder_spec(model, attention_maps: bool = False) -> GraphSpec:
    text_cfg, vision_cfg = model.config.text_config, model.config.vision_config
    enc_seq = (vision_cfg.image_size // vision_cfg.patch_size) ** 2 + 1

    def inputs(batch, seq, seed=0):
        gen = torch.Generator().manual_seed(seed)
        ids, mask = _text_batch(gen, batch, seq, text_cfg.vocab_size, text_cfg.sep_token_id)
        states = torch.randn(batch, enc_seq, vision_cfg.hidden_size, generator=gen)
        return {
            "input_ids": ids,
            "attention_mask": mask,
            "encoder_hidden_states": states,
            "encoder_attention_mask": torch.ones(batch, enc_seq, dtype=torch.long),
        }

    maps = cross_attention_names(text_cfg.num_hidden_layers) if attention_maps else []
    return GraphSpec(
        "text_encoder_model", BlipTextEncoderGraph(model.text_encoder, attention_maps), inputs, ["last_hidden_state"] + maps,
        {
            "input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "sequence_length"},
            "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
            "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "sequence_length"},
            **{name: {0: "batch_size", 1: "sequence_length", 2: "encoder_sequence_length"} for name in maps},
        },
    )


def blip_decoder_specs(model, encoder_hidden_size: int, attention_maps: bool = False) -> list[GraphSpec]:
    """The two branches of the merged decoder: without past (first step) and with past (later steps)."""
    decoder = model.text_decoder
    specs = []
    for with_past in (False, True):
        graph = BlipDecoderGraph(decoder, with_past=with_past, attention_maps=attention_maps)
        in_names, out_names = decoder_io_names(graph.num_layers, with_past, attention_maps)

        def inputs(batch, seq, seed=0, graph=graph, with_past=with_past):
            return graph.example_inputs(batch, seq, encoder_hidden_size, seed=seed)

        axes = {name: {0: "batch_size"} for name in in_names + out_names}
        axes["input_ids"][1] = "decoder_sequence_length"
        axes["logits"][1] = "decoder_sequence_length"
        if not with_past:
            axes["encoder_hidden_states"][1] = "encoder_sequence_length"
        axes["encoder_attention_mask"][1] = "encoder_sequence_length"
        for name in in_names + out_names:
            if ".decoder." in name:
                axes[name][2] = "past_decoder_sequence_length" if name.startswith("past") else "total_decoder_sequence_length"
            elif ".encoder." in name:
                axes[name][2] = "encoder_sequence_length"
            elif name.startswith("cross_attentions."):
                axes[name].update({1: "decoder_sequence_length", 2: "encoder_sequence_length"})
        specs.append(GraphSpec("decoder_with_past" if with_past else "decoder", graph, inputs, out_names, axes))
    return specs


def export_graph(spec: GraphSpec, batch: int = 2, seq: int = 5) -> onnx.ModelProto:
    """Trace with the TorchScript exporter (dynamo=False) and return the in-memory ONNX model."""
    inputs = spec.make_inputs(batch, seq)
    buffer = io.BytesIO()
    spec.module.eval()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            spec.module,
            tuple(inputs.values()),
            buffer,
            input_names=list(inputs),
            output_names=spec.output_names,
            dynamic_axes=spec.dynamic_axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    return onnx.load_from_string(buffer.getvalue())
