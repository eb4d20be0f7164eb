"""BLIP text transformer (question encoder and caption/answer decoder) as plain tensor functions.

HF's BlipTextLMHeadModel keeps its cache in an EncoderDecoderCache object, which does not trace into a
clean ONNX graph. This module re-states the same forward pass (reusing HF's submodules, so the weights
and the LayerNorm/GELU/linear code are HF's own) with tensors in and out.

Decoder (BlipDecoderGraph):

- without past: input_ids, encoder_hidden_states, encoder_attention_mask -> logits and all presents;
  the cross-attention keys/values are projected from encoder_hidden_states here, once.
- with past: input_ids, encoder_attention_mask, past_key_values.* -> logits and presents; the
  cross-attention keys/values come from the past inputs and are passed through unchanged.

Encoder (BlipTextEncoderGraph, VQA question encoder): input_ids, attention_mask, encoder_hidden_states,
encoder_attention_mask -> last_hidden_state (bidirectional self-attention, cross-attention to the image).

One deliberate difference: HF transformers 5.x drops `encoder_attention_mask` on its way into the
cross-attention (BlipTextAttention.forward does not pass it on), so HF attends to every encoder position.
These graphs apply the mask. HF's generate() always passes an all-ones mask there (image tokens, or the
question states in VQA), where both agree; validation uses all-ones encoder masks for that reason.

Parity with HF's own forward (with and without its cache) is checked by tools.export.validate.
"""

from __future__ import annotations

import math

import torch
from torch import nn

KINDS = ("decoder.key", "decoder.value", "encoder.key", "encoder.value")


def cross_attention_names(num_layers: int) -> list[str]:
    """Optional outputs (--attention-maps): per layer, cross-attention probabilities averaged over heads,
    [batch, query tokens, encoder tokens]. The app finds them by these names."""
    return [f"cross_attentions.{i}" for i in range(num_layers)]


def decoder_io_names(num_layers: int, with_past: bool, attention_maps: bool = False) -> tuple[list[str], list[str]]:
    past = [f"past_key_values.{i}.{kind}" for i in range(num_layers) for kind in KINDS]
    inputs = ["input_ids", "encoder_attention_mask"] + past if with_past else ["input_ids", "encoder_hidden_states", "encoder_attention_mask"]
    outputs = ["logits"] + [f"present.{i}.{kind}" for i in range(num_layers) for kind in KINDS]
    return inputs, outputs + (cross_attention_names(num_layers) if attention_maps else [])


class _BlipTextBase(nn.Module):
    def __init__(self, bert, config):
        super().__init__()
        self.bert = bert
        self.num_layers = config.num_hidden_layers
        self.num_heads = config.num_attention_heads
        self.head_dim = config.hidden_size // config.num_attention_heads
        self.vocab_size = config.vocab_size

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        return x.view(b, s, self.num_heads, self.head_dim).transpose(1, 2)

    def _attend(self, q, k, v, mask, maps: list | None = None) -> torch.Tensor:
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask
        probs = torch.softmax(scores, dim=-1)
        if maps is not None:
            maps.append(probs.mean(dim=1))  # one map per query token: heads averaged (tools/README, attention maps)
        ctx = torch.matmul(probs, v)
        b, _, s, _ = ctx.shape
        return ctx.transpose(1, 2).reshape(b, s, self.num_heads * self.head_dim)

    def _embed(self, input_ids, past_len):
        emb = self.bert.embeddings
        positions = torch.arange(input_ids.shape[1], dtype=torch.long) + past_len
        return emb.LayerNorm(emb.word_embeddings(input_ids) + emb.position_embeddings(positions).unsqueeze(0))

    def _layer(self, layer, hidden, self_mask, cross_mask, past_self, cross_kv, encoder_hidden_states, maps=None):
        """One BlipTextLayer. Returns (hidden, key, value, cross_key, cross_value); appends the
        head-averaged cross-attention probabilities to `maps` when given."""
        sa = layer.attention.self
        key, value = self._split(sa.key(hidden)), self._split(sa.value(hidden))
        if past_self is not None:
            key = torch.cat([past_self[0], key], dim=2)
            value = torch.cat([past_self[1], value], dim=2)
        ctx = self._attend(self._split(sa.query(hidden)), key, value, self_mask)
        hidden = layer.attention.output(ctx, hidden)

        ca = layer.crossattention.self
        if cross_kv is not None:
            cross_key, cross_value = cross_kv
        else:
            cross_key = self._split(ca.key(encoder_hidden_states))
            cross_value = self._split(ca.value(encoder_hidden_states))
        ctx = self._attend(self._split(ca.query(hidden)), cross_key, cross_value, cross_mask, maps)
        hidden = layer.crossattention.output(ctx, hidden)
        hidden = layer.output(layer.intermediate(hidden), hidden)
        return hidden, key, value, cross_key, cross_value


def _additive(mask: torch.Tensor) -> torch.Tensor:
    """[batch, keys] 0/1 mask -> additive [batch, 1, 1, keys] mask (0 or float32 min), as HF's eager masks."""
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min


class BlipTextEncoderGraph(_BlipTextBase):
    """BlipTextModel as the VQA question encoder (is_decoder=False: bidirectional self-attention)."""

    def __init__(self, text_model, attention_maps: bool = False):
        super().__init__(text_model, text_model.config)
        self.attention_maps = attention_maps

    def forward(self, input_ids, attention_mask, encoder_hidden_states, encoder_attention_mask):
        hidden = self._embed(input_ids, 0)
        self_mask, cross_mask = _additive(attention_mask), _additive(encoder_attention_mask)
        maps = [] if self.attention_maps else None
        for layer in self.bert.encoder.layer:
            hidden = self._layer(layer, hidden, self_mask, cross_mask, None, None, encoder_hidden_states, maps)[0]
        return (hidden, *maps) if maps is not None else hidden


class BlipDecoderGraph(_BlipTextBase):
    def __init__(self, lm_head_model, with_past: bool, attention_maps: bool = False):
        super().__init__(lm_head_model.bert, lm_head_model.config)
        self.head = lm_head_model.cls.predictions
        self.with_past = with_past
        self.attention_maps = attention_maps

    def forward(self, input_ids, *args):
        if self.with_past:
            encoder_attention_mask, past = args[0], args[1:]
            past_len, encoder_hidden_states = past[0].shape[2], None
        else:
            encoder_hidden_states, encoder_attention_mask = args
            past, past_len = None, 0
        seq = input_ids.shape[1]
        hidden = self._embed(input_ids, past_len)

        query_pos = (torch.arange(seq, dtype=torch.long) + past_len).unsqueeze(1)
        key_pos = torch.arange(seq + past_len, dtype=torch.long).unsqueeze(0)
        minimum = torch.full((), torch.finfo(torch.float32).min)
        self_mask = torch.where(key_pos <= query_pos, torch.zeros(()), minimum)[None, None]
        cross_mask = _additive(encoder_attention_mask)

        presents, maps = [], [] if self.attention_maps else None
        for i, layer in enumerate(self.bert.encoder.layer):
            past_self = (past[4 * i], past[4 * i + 1]) if past is not None else None
            cross_kv = (past[4 * i + 2], past[4 * i + 3]) if past is not None else None
            hidden, *kv = self._layer(layer, hidden, self_mask, cross_mask, past_self, cross_kv, encoder_hidden_states, maps)
            presents += kv
        return (self.head(hidden), *presents, *(maps or []))

    def example_inputs(self, batch: int, seq: int, encoder_hidden_size: int, seed: int = 0, enc_seq: int = 7,
                       past_len: int = 3) -> dict[str, torch.Tensor]:
        gen = torch.Generator().manual_seed(seed)
        ids = torch.randint(0, self.vocab_size, (batch, seq), generator=gen)
        enc_mask = torch.ones(batch, enc_seq, dtype=torch.long)
        if batch > 1:
            enc_mask[1, enc_seq - 2:] = 0
        if not self.with_past:
            states = torch.randn(batch, enc_seq, encoder_hidden_size, generator=gen)
            return {"input_ids": ids, "encoder_hidden_states": states, "encoder_attention_mask": enc_mask}
        inputs = {"input_ids": ids, "encoder_attention_mask": enc_mask}
        for i in range(self.num_layers):
            for kind in KINDS:
                length = past_len if kind.startswith("decoder") else enc_seq
                inputs[f"past_key_values.{i}.{kind}"] = torch.randn(batch, self.num_heads, length, self.head_dim, generator=gen)
        return inputs
