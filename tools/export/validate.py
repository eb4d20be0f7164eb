"""Parity of the exported ONNX graphs with HF transformers' PyTorch modules, on random inputs.

Each check returns {output name: max abs error}. References are HF's own modules (for the BLIP decoder:
BlipTextLMHeadModel with its EncoderDecoderCache), never the export wrappers, so the wrappers are tested too.
"""

from __future__ import annotations

import dataclasses
import inspect

import numpy as np
import onnxruntime as ort
import torch

from .blip_decoder import KINDS

# Pass criteria per dtype. fp32: max |onnx - torch| <= 1e-4 (absolute). fp16: max abs error <= 1e-2 *
# max(1, max |torch|) and cosine >= 0.999. q8 and q4 quantize weights (q8: one scale per tensor; q4: one
# per block of 32 values), so their error scales with the weights; they are judged by the cosine between
# the flattened ONNX and torch outputs (q8 >= 0.99, q4 and its variants q4a8 / q4f16 >= 0.90), which catches broken
# graphs and bad quantization without depending on the model's scale. Max abs errors are always printed.
FP32_ABS = 1e-4
FP16_REL = 1e-2
MIN_COSINE = {"fp32": 0.0, "fp16": 0.999, "q8": 0.99, "q4": 0.90, "q4a8": 0.90, "q4f16": 0.90}


@dataclasses.dataclass
class Check:
    graph: str
    dtype: str
    errors: dict[str, float]
    scales: dict[str, float]
    cosines: dict[str, float]

    def limit(self, output: str) -> float:
        """Bound on the max abs error (inf for q8/q4, which are judged by cosine)."""
        if self.dtype == "fp32":
            return FP32_ABS
        if self.dtype == "fp16":
            return FP16_REL * max(1.0, self.scales[output])
        return float("inf")

    def passed(self, output: str) -> bool:
        err = self.errors[output]
        return bool(np.isfinite(err) and err <= self.limit(output) and self.cosines[output] >= MIN_COSINE[self.dtype])

    @property
    def ok(self) -> bool:
        return all(self.passed(name) for name in self.errors)


def session(path: str) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
    denom = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / denom) if denom > 0 else float(np.array_equal(a, b))


def _compare(outputs: dict[str, np.ndarray], reference: dict[str, torch.Tensor]) -> tuple[dict, dict, dict]:
    errors, scales, cosines = {}, {}, {}
    for name, ref in reference.items():
        ref_np = ref.detach().float().numpy()
        got = outputs[name]
        if got.shape != ref_np.shape:
            raise AssertionError(f"{name}: shape {got.shape} != torch {ref_np.shape}")
        errors[name] = float(np.abs(got.astype(np.float64) - ref_np).max()) if ref_np.size else 0.0
        scales[name] = float(np.abs(ref_np).max()) if ref_np.size else 0.0
        cosines[name] = _cosine(got, ref_np) if ref_np.size else 1.0
    return errors, scales, cosines


def _run(sess: ort.InferenceSession, feeds: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    names = [o.name for o in sess.get_outputs()]
    wanted = {i.name for i in sess.get_inputs()}
    return dict(zip(names, sess.run(None, {k: v for k, v in feeds.items() if k in wanted})))


def check_encoder(path: str, spec, reference_fn, graph: str, dtype: str, batch=2, seq=6) -> Check:
    """Graphs without state: run the spec's random inputs through ORT and through `reference_fn`."""
    inputs = spec.make_inputs(batch, seq, seed=1234)
    with torch.no_grad():
        reference = reference_fn(**inputs)
    outputs = _run(session(path), {k: v.numpy() for k, v in inputs.items()})
    return Check(graph, dtype, *_compare(outputs, reference))


def decoder_feeds(num_layers: int, num_heads: int, head_dim: int, input_ids: np.ndarray, states: np.ndarray,
                  enc_mask: np.ndarray, past: dict[str, np.ndarray] | None) -> dict[str, np.ndarray]:
    """Inputs of the merged decoder. past=None selects the no-cache branch with zero-length past tensors."""
    batch = input_ids.shape[0]
    feeds = {"input_ids": input_ids, "encoder_hidden_states": states, "encoder_attention_mask": enc_mask,
             "use_cache_branch": np.array([past is not None])}
    empty = np.zeros((batch, num_heads, 0, head_dim), dtype=np.float32)
    for i in range(num_layers):
        for kind in KINDS:
            feeds[f"past_key_values.{i}.{kind}"] = empty if past is None else past[f"present.{i}.{kind}"]
    return feeds


def check_decoder(path: str, decoder, encoder_hidden_size: int, dtype: str, batch=2, seq=4, enc_seq=9,
                  attention_maps: bool = False) -> list[Check]:
    """Step 1 without cache, step 2 (two new tokens) with the cache, against HF's decoder with its own cache
    (and its cross_attentions, heads averaged, when the graph has the attention-map outputs)."""
    cfg = decoder.config
    heads, head_dim = cfg.num_attention_heads, cfg.hidden_size // cfg.num_attention_heads
    gen = torch.Generator().manual_seed(4321)
    ids = torch.randint(0, cfg.vocab_size, (batch, seq), generator=gen)
    nxt = torch.randint(0, cfg.vocab_size, (batch, 2), generator=gen)
    states = torch.randn(batch, enc_seq, encoder_hidden_size, generator=gen)
    enc_mask = torch.ones(batch, enc_seq, dtype=torch.long)
    # transformers 5.24 calls the cache argument/output `cache` (`past_key_values` before, deprecated now).
    cache_arg = "cache" if "cache" in inspect.signature(decoder.forward).parameters else "past_key_values"
    with torch.no_grad():
        first = decoder(input_ids=ids, encoder_hidden_states=states, encoder_attention_mask=enc_mask, use_cache=True,
                        output_attentions=attention_maps)
        cache = getattr(first, cache_arg)
        ref1 = {"logits": first.logits, **_cache_tensors(cache, cfg.num_hidden_layers), **_maps(first)}
        second = decoder(input_ids=nxt, encoder_hidden_states=states, encoder_attention_mask=enc_mask,
                         use_cache=True, output_attentions=attention_maps, **{cache_arg: cache})
        ref2 = {"logits": second.logits, **_cache_tensors(getattr(second, cache_arg), cfg.num_hidden_layers), **_maps(second)}
    sess = session(path)
    args = (cfg.num_hidden_layers, heads, head_dim)
    out1 = _run(sess, decoder_feeds(*args, ids.numpy(), states.numpy(), enc_mask.numpy(), None))
    out2 = _run(sess, decoder_feeds(*args, nxt.numpy(), states.numpy(), enc_mask.numpy(), out1))
    checks = []
    for label, out, ref in (("no cache", out1, ref1), ("with cache", out2, ref2)):
        checks.append(Check(f"text_decoder_model_merged ({label})", dtype, *_compare(out, ref)))
    return checks


def _maps(output) -> dict[str, torch.Tensor]:
    return {f"cross_attentions.{i}": probs.mean(dim=1) for i, probs in enumerate(getattr(output, "cross_attentions", None) or ())}


def _cache_tensors(cache, num_layers: int) -> dict[str, torch.Tensor]:
    tensors = {}
    for i in range(num_layers):
        self_layer = cache.self_attention_cache.layers[i]
        cross_layer = cache.cross_attention_cache.layers[i]
        tensors[f"present.{i}.decoder.key"] = self_layer.keys
        tensors[f"present.{i}.decoder.value"] = self_layer.values
        tensors[f"present.{i}.encoder.key"] = cross_layer.keys
        tensors[f"present.{i}.encoder.value"] = cross_layer.values
    return tensors


def summarize(checks: list[Check]) -> dict[str, dict[str, float]]:
    """{'graph [dtype]': worst error over its outputs} for reports."""
    return {f"{c.graph} [{c.dtype}]": max(c.errors.values()) for c in checks}
