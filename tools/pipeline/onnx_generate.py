"""Beam search over the exported merged decoder (with its KV cache), step for step as HF's `_beam_search`.

Greedy decoding is `BlipOnnx.greedy`; this adds `num_beams > 1` so that the pipeline can compare exported graphs
with PyTorch `generate` for both decodings (tools/README.md, "Beam search", describes the bookkeeping).
"""

from __future__ import annotations

import numpy as np

from ..blip_onnx import BlipOnnx

NEG = -1.0e9


def _log_softmax(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float32)
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _reorder(past: dict, rows: np.ndarray) -> dict:
    return {name: value[rows] for name, value in past.items()}


def beam_search(blip: BlipOnnx, prompt_ids: list[int], states: np.ndarray, num_beams: int, max_new_tokens: int,
                length_penalty: float = 1.0) -> list[int]:
    """The best finished sequence (decoder prompt + new tokens), `early_stopping=False`, one returned sequence."""
    k, prompt_len = num_beams, len(prompt_ids)
    max_length = prompt_len + max_new_tokens
    running = [list(prompt_ids) for _ in range(k)]
    scores = np.array([0.0] + [NEG] * (k - 1), dtype=np.float32)
    finished: list[tuple[float, list[int]]] = []  # at most k, best first
    tiled = np.repeat(states, k, axis=0)
    past = None
    while True:
        feed = np.array(running, dtype=np.int64) if past is None else np.array([[seq[-1]] for seq in running])
        logits, past = blip.step(feed, tiled, past)
        logp = (_log_softmax(logits[:, -1]) + scores[:, None]).reshape(-1)
        vocab = logits.shape[-1]
        top = np.argsort(-logp, kind="stable")[: 2 * k]
        cur_len = len(running[0]) + 1
        candidates = [(float(logp[i]), int(i // vocab), int(i % vocab)) for i in top]
        done = [tok == blip.sep or cur_len >= max_length for _, _, tok in candidates]
        # Finished candidates among the first k enter the finished list with a length-normalised score.
        for rank, (score, beam, tok) in enumerate(candidates[:k]):
            if done[rank]:
                finished.append((score / ((cur_len - prompt_len) ** length_penalty), running[beam] + [tok]))
        finished = sorted(finished, key=lambda item: -item[0])[:k]
        keep = [c for c, d in zip(candidates, done) if not d][:k]
        if len(keep) < k:  # every candidate finished (only at max_length)
            break
        rows = np.array([beam for _, beam, _ in keep])
        running = [running[beam] + [tok] for _, beam, tok in keep]
        scores = np.array([score for score, _, _ in keep], dtype=np.float32)
        past = _reorder(past, rows)
        if cur_len >= max_length:
            break
        best_possible = float(scores[0]) / ((cur_len - prompt_len) ** length_penalty)
        if len(finished) == k and best_possible <= finished[-1][0]:
            break
    return finished[0][1]


def generate(blip: BlipOnnx, prompt_ids: list[int], states: np.ndarray, num_beams: int, max_new_tokens: int) -> list[int]:
    if num_beams == 1:
        return blip.greedy(prompt_ids, states, max_new_tokens)[0]
    return beam_search(blip, prompt_ids, states, num_beams, max_new_tokens)
