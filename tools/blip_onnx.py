"""Reference BLIP runtime on the exported ONNX folder (onnxruntime, numpy), mirroring HF's generate().

The tests use it to show that the exported files reproduce HF's token ids, with and without the KV cache;
the TypeScript runtime implements the same steps (see tools/README.md, "BLIP quirks").
"""

from __future__ import annotations

import json
import os

import numpy as np
import onnxruntime as ort

from .export.dtypes import SUFFIX

KINDS = ("decoder.key", "decoder.value", "encoder.key", "encoder.value")


class BlipOnnx:
    def __init__(self, folder: str, dtype: str = "fp32"):
        with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
            text = json.load(f)["text_config"]
        self.bos, self.sep, self.pad = text["bos_token_id"], text["sep_token_id"], text["pad_token_id"]
        self.layers, self.heads = text["num_hidden_layers"], text["num_attention_heads"]
        self.head_dim = text["hidden_size"] // self.heads
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        sfx = SUFFIX[dtype]

        def load(name):
            path = os.path.join(folder, "onnx", f"{name}{sfx}.onnx")
            return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"]) if os.path.exists(path) else None

        self.vision = load("vision_model")
        self.text_encoder = load("text_encoder_model")
        self.decoder = load("text_decoder_model_merged")

    def encode_image(self, pixel_values: np.ndarray) -> np.ndarray:
        return self.vision.run(["last_hidden_state"], {"pixel_values": pixel_values.astype(np.float32)})[0]

    def encode_question(self, question_ids: list[int], image_states: np.ndarray) -> np.ndarray:
        """VQA: the question (with the tokenizer's [CLS] ... [SEP], unchanged) cross-attends to the image."""
        ids = np.array([question_ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "encoder_hidden_states": image_states,
                 "encoder_attention_mask": np.ones(image_states.shape[:2], dtype=np.int64)}
        return self.text_encoder.run(["last_hidden_state"], feeds)[0]

    def step(self, input_ids: np.ndarray, states: np.ndarray, past: dict | None):
        """One decoder call. past=None: no-cache branch (cross-attention K/V computed from `states`)."""
        batch = input_ids.shape[0]
        feeds = {"input_ids": input_ids.astype(np.int64), "encoder_hidden_states": states,
                 "encoder_attention_mask": np.ones(states.shape[:2], dtype=np.int64),
                 "use_cache_branch": np.array([past is not None])}
        empty = np.zeros((batch, self.heads, 0, self.head_dim), dtype=np.float32)
        for i in range(self.layers):
            for kind in KINDS:
                feeds[f"past_key_values.{i}.{kind}"] = empty if past is None else past[f"present.{i}.{kind}"]
        names = [o.name for o in self.decoder.get_outputs()]
        out = dict(zip(names, self.decoder.run(None, feeds)))
        return out.pop("logits"), out

    def greedy(self, prompt_ids: list[int], states: np.ndarray, max_new_tokens: int, use_cache: bool = True):
        """Greedy decoding from decoder prompt ids (caption: [bos] + prompt tokens; VQA: [bos]); stops on sep.
        Returns (ids including the prompt, list of per-step logits)."""
        ids = list(prompt_ids)
        past, step_logits = None, []
        for _ in range(max_new_tokens):
            if use_cache and past is not None:
                logits, past = self.step(np.array([ids[-1:]]), states, past)
            else:
                logits, presents = self.step(np.array([ids]), states, None)
                past = presents if use_cache else None
            last = logits[0, -1]
            step_logits.append(last)
            ids.append(int(np.argmax(last)))
            if ids[-1] == self.sep:
                break
        return ids, step_logits
