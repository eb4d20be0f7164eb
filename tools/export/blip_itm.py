"""BlipForImageTextRetrieval (task `itm`) as three ONNX graphs, with HF's own forward as their references.

- vision_model: pixel_values -> image_embeds (vision_proj of the [CLS] state, not normalised) and
  last_hidden_state (what the ITM graph cross-attends to; cached per image by the app).
- text_model (ITC): input_ids, attention_mask -> text_embeds (text_proj of the unimodal [CLS] state, not
  normalised). No cross-attention: each label is encoded alone, so its embedding cannot depend on the others
  in a batch beyond padding, which the mask hides.
- itm_model (ITM): input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask -> itm_logits
  [batch, 2] (index 1 = "match"), the text read with cross-attention to the image.

HF's retrieval class normalises both projections and multiplies them (use_itm_head=False); the graphs leave
the normalisation to the caller, as the CLIP graphs do, so the same cosine code serves both.
"""

from __future__ import annotations

import torch
from torch import nn

from .blip_decoder import BlipTextEncoderGraph, _additive, _BlipTextBase
from .graphs import GraphSpec, _pixels, _text_batch


class ItmVisionGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.vision_model = model.vision_model
        self.vision_proj = model.vision_proj

    def forward(self, pixel_values):
        states = self.vision_model(pixel_values=pixel_values).last_hidden_state
        return self.vision_proj(states[:, 0, :]), states


class ItcTextGraph(_BlipTextBase):
    """BlipTextModel in ITC mode: bidirectional self-attention only (HF skips cross-attention without image)."""

    def __init__(self, model):
        super().__init__(model.text_encoder, model.text_encoder.config)
        self.text_proj = model.text_proj

    def forward(self, input_ids, attention_mask):
        hidden = self._embed(input_ids, 0)
        mask = _additive(attention_mask)
        for layer in self.bert.encoder.layer:
            sa = layer.attention.self
            q, k, v = self._split(sa.query(hidden)), self._split(sa.key(hidden)), self._split(sa.value(hidden))
            hidden = layer.attention.output(self._attend(q, k, v, mask), hidden)
            hidden = layer.output(layer.intermediate(hidden), hidden)
        return self.text_proj(hidden[:, 0, :])


class ItmGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.encoder = BlipTextEncoderGraph(model.text_encoder)
        self.itm_head = model.itm_head

    def forward(self, input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        hidden = self.encoder(input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask)
        return self.itm_head(hidden[:, 0, :])


def image_tokens(vision_cfg) -> int:
    return (vision_cfg.image_size // vision_cfg.patch_size) ** 2 + 1


def itm_specs(model) -> list[GraphSpec]:
    text_cfg, vision_cfg = model.config.text_config, model.config.vision_config

    def vision_inputs(batch, seq, seed=0):
        return {"pixel_values": _pixels(torch.Generator().manual_seed(seed), batch, vision_cfg)}

    def text_inputs(batch, seq, seed=0):
        ids, mask = _text_batch(torch.Generator().manual_seed(seed), batch, seq, text_cfg.vocab_size,
                                text_cfg.sep_token_id)
        return {"input_ids": ids, "attention_mask": mask}

    def itm_inputs(batch, seq, seed=0):
        gen = torch.Generator().manual_seed(seed)
        ids, mask = _text_batch(gen, batch, seq, text_cfg.vocab_size, text_cfg.sep_token_id)
        enc_seq = image_tokens(vision_cfg)
        states = torch.randn(batch, enc_seq, vision_cfg.hidden_size, generator=gen)
        return {"input_ids": ids, "attention_mask": mask, "encoder_hidden_states": states,
                "encoder_attention_mask": torch.ones(batch, enc_seq, dtype=torch.long)}

    text_axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
                 "attention_mask": {0: "batch_size", 1: "sequence_length"}}
    return [
        GraphSpec("vision_model", ItmVisionGraph(model), vision_inputs, ["image_embeds", "last_hidden_state"],
                  {"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"},
                   "last_hidden_state": {0: "batch_size"}}),
        GraphSpec("text_model", ItcTextGraph(model), text_inputs, ["text_embeds"],
                  {**text_axes, "text_embeds": {0: "batch_size"}}),
        GraphSpec("itm_model", ItmGraph(model), itm_inputs, ["itm_logits"],
                  {**text_axes, "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
                   "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                   "itm_logits": {0: "batch_size"}}),
    ]


def itm_reference(model, graph_name: str):
    """HF's modules (not the wrappers above) computing each graph's outputs."""
    if graph_name == "vision_model":
        def vision(pixel_values):
            states = model.vision_model(pixel_values=pixel_values).last_hidden_state
            return {"image_embeds": model.vision_proj(states[:, 0, :]), "last_hidden_state": states}
        return vision
    if graph_name == "text_model":
        def text(input_ids, attention_mask):
            states = model.text_encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return {"text_embeds": model.text_proj(states[:, 0, :])}
        return text

    def itm(input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        states = model.text_encoder(input_ids=input_ids, attention_mask=attention_mask,
                                    encoder_hidden_states=encoder_hidden_states,
                                    encoder_attention_mask=encoder_attention_mask).last_hidden_state
        return {"itm_logits": model.itm_head(states[:, 0, :])}
    return itm
