"""Third-party BLIP folder layouts, written by our exporter so the app's support for them can be tested.

The real repositories could not be downloaded here; their file and tensor names are medium-confidence
(as reported by code that runs them), UNVERIFIED, and must agree with `src/shared/third-party-models.ts`:

- `onnx-community-split` (onnx-community/Salesforce_blip-image-captioning-base, captioning):
  onnx/split_0.onnx  pixel_values -> encoder_hidden_states, encoder_attention_mask
  onnx/split_1.onnx  input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask -> logits
- `mpai` (mpai-community/blip-vqa-base-onnx, VQA):
  blip_vision_model.onnx (+ blip_vision_model.onnx.data, ONNX external data)  pixel_values -> last_hidden_state
  blip_text_encoder_wrapper.onnx  input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask
                                  -> last_hidden_state
  blip_decoder_context_dynamic.onnx  as split_1.onnx

Neither decoder has a KV cache: every step re-runs the whole sequence. fp32 only (the public files are fp32).
"""

from __future__ import annotations

import os

import numpy as np
import onnx
import torch
from torch import nn

from . import graphs, validate
from .blip_decoder import BlipDecoderGraph, _additive

HUB = "hub"
LAYOUTS = (HUB, "onnx-community-split", "mpai")
LAYOUT_TASK = {"onnx-community-split": "caption", "mpai": "vqa"}
# role -> file inside the model folder
LAYOUT_FILES = {
    "onnx-community-split": {"vision": "onnx/split_0.onnx", "decoder": "onnx/split_1.onnx"},
    "mpai": {"vision": "blip_vision_model.onnx", "text_encoder": "blip_text_encoder_wrapper.onnx",
             "decoder": "blip_decoder_context_dynamic.onnx"},
}
EXTERNAL_DATA = {"mpai": {"vision"}}
DECODER_INPUTS = ["input_ids", "attention_mask", "encoder_hidden_states", "encoder_attention_mask"]


class VisionWithMaskGraph(nn.Module):
    """split_0: the image states and an all-ones mask over them, named as the decoder's inputs."""

    def __init__(self, vision_model):
        super().__init__()
        self.vision_model = vision_model

    def forward(self, pixel_values):
        states = self.vision_model(pixel_values=pixel_values).last_hidden_state
        return states, torch.ones(states.shape[:2], dtype=torch.long)


class NoCacheDecoderGraph(BlipDecoderGraph):
    """The decoder without any cache: the whole sequence in, logits out (causal + padding self-attention mask)."""

    def __init__(self, lm_head_model):
        super().__init__(lm_head_model, with_past=False)

    def forward(self, input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        seq = input_ids.shape[1]
        hidden = self._embed(input_ids, 0)
        positions = torch.arange(seq, dtype=torch.long)
        minimum = torch.full((), torch.finfo(torch.float32).min)
        causal = torch.where(positions.unsqueeze(0) <= positions.unsqueeze(1), torch.zeros(()), minimum)[None, None]
        # minimum, not a sum: two float32 minima would add up to -inf
        self_mask = torch.minimum(causal, _additive(attention_mask))
        cross_mask = _additive(encoder_attention_mask)
        for layer in self.bert.encoder.layer:
            hidden = self._layer(layer, hidden, self_mask, cross_mask, None, None, encoder_hidden_states)[0]
        return self.head(hidden)


def _specs(model, task: str, layout: str) -> dict[str, graphs.GraphSpec]:
    vision = graphs.blip_vision_spec(model)
    memory = model.config.vision_config.hidden_size if task == "caption" else model.config.text_config.hidden_size
    text_cfg = model.config.text_config

    def decoder_inputs(batch, seq, seed=0):
        gen = torch.Generator().manual_seed(seed)
        enc_seq = 7
        return {
            "input_ids": torch.randint(0, text_cfg.vocab_size, (batch, seq), generator=gen),
            "attention_mask": torch.ones(batch, seq, dtype=torch.long),
            "encoder_hidden_states": torch.randn(batch, enc_seq, memory, generator=gen),
            "encoder_attention_mask": torch.ones(batch, enc_seq, dtype=torch.long),
        }

    decoder_axes = {
        "input_ids": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: "sequence_length"},
        "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
        "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"},
    }
    specs = {"decoder": graphs.GraphSpec("decoder", NoCacheDecoderGraph(model.text_decoder), decoder_inputs,
                                         ["logits"], decoder_axes)}
    if layout == "onnx-community-split":
        specs["vision"] = graphs.GraphSpec(
            "vision", VisionWithMaskGraph(model.vision_model), vision.make_inputs,
            ["encoder_hidden_states", "encoder_attention_mask"],
            {"pixel_values": {0: "batch_size"}, "encoder_hidden_states": {0: "batch_size"},
             "encoder_attention_mask": {0: "batch_size"}})
    else:
        specs["vision"] = vision
        specs["text_encoder"] = graphs.blip_text_encoder_spec(model)
    return specs


def _save(proto: onnx.ModelProto, path: str, external: bool) -> list[str]:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if not external:
        onnx.save(proto, path)
        return [path]
    data = path + ".data"
    if os.path.exists(data):
        os.remove(data)  # onnx appends to an existing data file
    onnx.save_model(proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=os.path.basename(data), size_threshold=0)
    os.chmod(data, 0o644)  # onnx creates it owner-only; it is published like the .onnx file
    return [path, data]


def export_layout(model, task: str, out: str, layout: str, run_validation: bool = True, log=print):
    """Writes the layout's fp32 graphs under `out`; returns ({file: bytes}, [validate.Check])."""
    if LAYOUT_TASK.get(layout) != task:
        raise ValueError(f"layout {layout} is for task {LAYOUT_TASK.get(layout)}, not {task}")
    sizes, checks = {}, []
    for role, spec in _specs(model, task, layout).items():
        path = os.path.join(out, LAYOUT_FILES[layout][role])
        for written in _save(graphs.export_graph(spec), path, role in EXTERNAL_DATA.get(layout, ())):
            sizes[os.path.relpath(written, out)] = os.path.getsize(written)
        if run_validation:
            checks.append(validate.check_encoder(path, spec, _reference(model, layout, role), LAYOUT_FILES[layout][role], "fp32"))
        log(f"{layout}: {LAYOUT_FILES[layout][role]} written")
    return sizes, checks


def _reference(model, layout: str, role: str):
    """HF's own modules, never the wrappers above."""
    if role == "vision":
        def vision(pixel_values):
            states = model.vision_model(pixel_values=pixel_values).last_hidden_state
            if layout == "mpai":
                return {"last_hidden_state": states}
            return {"encoder_hidden_states": states, "encoder_attention_mask": torch.ones(states.shape[:2], dtype=torch.long)}
        return vision
    if role == "text_encoder":
        def encoder(input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
            out = model.text_encoder(input_ids=input_ids, attention_mask=attention_mask,
                                     encoder_hidden_states=encoder_hidden_states,
                                     encoder_attention_mask=encoder_attention_mask)
            return {"last_hidden_state": out.last_hidden_state}
        return encoder

    def decoder(input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        out = model.text_decoder(input_ids=input_ids, attention_mask=attention_mask,
                                 encoder_hidden_states=encoder_hidden_states,
                                 encoder_attention_mask=encoder_attention_mask, use_cache=False)
        return {"logits": out.logits}
    return decoder


def graph_io(path: str) -> tuple[list[str], list[str]]:
    """Input and output names of a graph (without loading external data)."""
    model = onnx.load(path, load_external_data=False)
    return [i.name for i in model.graph.input], [o.name for o in model.graph.output]


def greedy_no_cache(decoder: str, states: np.ndarray, prompt: list[int], sep: int, max_new: int) -> list[int]:
    """Greedy decoding with full recompute each step (what the app does with these layouts), in onnxruntime."""
    sess = validate.session(decoder)
    ids = list(prompt)
    for _ in range(max_new):
        feeds = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
                 "encoder_hidden_states": states, "encoder_attention_mask": np.ones(states.shape[:2], dtype=np.int64)}
        logits = sess.run(["logits"], feeds)[0]
        ids.append(int(logits[0, -1].argmax()))
        if ids[-1] == sep:
            break
    return ids
