"""Golden vectors for the TypeScript generation loop (src/worker/models/blip/generation/).

Runs Hugging Face `generate` (the ground truth) on a fake language model whose next-token logits are a
pure function of the token prefix, and writes the cases, the model's logit table and HF's outputs to
`src/worker/models/blip/generation/hf-vectors.json`. The TypeScript test rebuilds the same fake model
from that file and must reproduce the sequences exactly (scores within 1e-5).

Regenerate (from the repository root; needs torch and transformers v5):

    python3 tools/generation_vectors.py

The output is deterministic: same library versions, same file.

The fake model: logits(prefix) = TABLE[hash(salt, prefix) % TABLE_ROWS], plus `eos_boost[n]` added to
every EOS column, where n is the number of generated tokens so far. All arithmetic is float32 on both
sides. Sampling cannot use torch's RNG from TypeScript, so `torch.multinomial` is replaced by an
inverse-CDF sampler driven by mulberry32, the same PRNG and draw order as the TypeScript sampler;
everything else (processors, padding, stopping, beam bookkeeping) is HF's own code.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import transformers
from torch import nn
from transformers import GenerationConfig, GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import CausalLMOutputWithPast

VOCAB = 16
TABLE_ROWS = 256
OUT = Path(__file__).resolve().parent.parent / "src/worker/models/blip/generation/hf-vectors.json"
MASK32 = 0xFFFFFFFF


def f32_text(x: float) -> float:
    """The shortest decimal that parses back to the same float32 (keeps the JSON small)."""
    return float(np.format_float_positional(np.float32(x), unique=True, trim="-"))


def imul(a: int, b: int) -> int:
    return (a * b) & MASK32


def prefix_row(salt: int, tokens: list[int]) -> int:
    """FNV-1a over the token ids, then murmur3's fmix32; mirrored by the TypeScript fake model."""
    h = (2166136261 ^ salt) & MASK32
    for t in tokens:
        h = imul(h ^ t, 16777619)
    h ^= h >> 16
    h = imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h % TABLE_ROWS


class Mulberry32:
    """Same generator and float mapping as random.ts."""

    def __init__(self, seed: int):
        self.state = seed & MASK32

    def next_float(self) -> float:
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK32
        t &= MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296.0


def make_multinomial(rng: Mulberry32):
    """Inverse-CDF sampling (without replacement when several samples are drawn), row by row."""

    def multinomial(probs: torch.Tensor, num_samples: int, replacement: bool = False, **_: object) -> torch.Tensor:
        out = []
        for row in probs.detach().double().numpy():
            weights = row.copy()
            picks = []
            for _ in range(num_samples):
                picks.append(draw(weights, rng))
                weights[picks[-1]] = 0.0
            out.append(picks)
        return torch.tensor(out, dtype=torch.long)

    return multinomial


def draw(weights: np.ndarray, rng: Mulberry32) -> int:
    total = 0.0
    for w in weights:  # sequential, like the TypeScript sampler
        if w > 0.0:
            total += float(w)
    target = rng.next_float() * total
    acc = 0.0
    last = -1
    for i, w in enumerate(weights):
        if w <= 0.0:
            continue
        acc += float(w)
        last = i
        if acc > target:
            return i
    if last < 0:
        raise ValueError("no category left to sample")
    return last


class FakeConfig(PretrainedConfig):
    model_type = "fake-step-lm"

    def __init__(self, vocab_size: int = VOCAB, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = vocab_size


class FakeLM(PreTrainedModel, GenerationMixin):
    """No cache: HF passes the full sequences each step, so the logits can depend on the whole prefix."""

    config_class = FakeConfig

    def __init__(self, config: FakeConfig, table: torch.Tensor):
        super().__init__(config)
        self.unused = nn.Parameter(torch.zeros(1))
        self.table = table
        self.salt = 0
        self.prompt_len = 0
        self.eos_ids: list[int] = []
        self.eos_boost = torch.zeros(1)
        self.post_init()

    def forward(self, input_ids: torch.LongTensor, **kwargs) -> CausalLMOutputWithPast:
        rows = []
        for seq in input_ids.tolist():
            logits = self.table[prefix_row(self.salt, seq)].clone()
            generated = len(seq) - self.prompt_len
            for e in self.eos_ids:
                logits[e] = logits[e] + self.eos_boost[generated]
            rows.append(logits)
        return CausalLMOutputWithPast(logits=torch.stack(rows)[:, None, :])


def make_table() -> np.ndarray:
    rs = np.random.RandomState(20240611)
    return (rs.standard_normal((TABLE_ROWS, VOCAB)) * 2.0).astype(np.float32)


def eos_boost(bias: float, slope: float, steps: int) -> list[float]:
    return [f32_text(bias + slope * n) for n in range(steps + 1)]


def case(name: str, salt: int, prompt: list[int], boost: tuple[float, float], config: dict, seed: int | None = None):
    """`config` holds HF generation_config keys (snake_case): the TS options builder reads the same dict."""
    steps = config.get("max_new_tokens", 20)
    return {
        "name": name,
        "salt": salt,
        "prompt": prompt,
        "eosBoost": eos_boost(boost[0], boost[1], steps),
        "config": config,
        **({"seed": seed} if seed is not None else {}),
    }


def beam(nb: int, **kw) -> dict:
    return {"eos_token_id": 3, "num_beams": nb, "max_new_tokens": 8, **kw}


def sample(**kw) -> dict:
    return {"eos_token_id": 3, "do_sample": True, "max_new_tokens": 10, **kw}


def greedy_cases() -> list[dict]:
    eos = {"eos_token_id": 3}
    return [
        case("greedy eos", 11, [1, 5], (-2.0, 0.6), {**eos, "max_new_tokens": 10}),
        case("greedy no eos id", 12, [1], (0.0, 0.0), {"max_new_tokens": 7}),
        case("greedy hits length", 13, [2, 9, 4], (-6.0, 0.0), {**eos, "max_new_tokens": 6}),
        case("greedy default max length", 14, [1], (-8.0, 0.3), eos),
        case("greedy repetition penalty", 15, [1, 5, 6], (-3.0, 0.3),
             {**eos, "max_new_tokens": 10, "repetition_penalty": 1.3}),
        case("greedy repetition penalty < 1", 15, [1, 5, 6], (-3.0, 0.3),
             {**eos, "max_new_tokens": 10, "repetition_penalty": 0.7}),
        case("greedy min new tokens", 16, [1], (1.5, 0.0), {**eos, "max_new_tokens": 9, "min_new_tokens": 4}),
        case("greedy two eos ids", 17, [1, 2], (-2.5, 0.5), {"eos_token_id": [3, 7], "max_new_tokens": 10}),
    ]


def beam_grid_cases() -> list[dict]:
    cases = []
    # The same model (salt, EOS schedule) under every length penalty / early stopping variant.
    for nb in (2, 3, 4):
        for salt, boost in ((100 + nb, (-1.5, 0.5)), (110 + nb, (1.0, 0.0)), (120 + nb, (2.0, -0.25))):
            for lp in (0.5, 1.0, 2.0):
                for es in (True, False, "never"):
                    config = beam(nb, length_penalty=lp, early_stopping=es)
                    cases.append(case(f"beam {nb} salt {salt} lp {lp} es {es}", salt, [1, 4], boost, config))
    # Salt 137 was searched for: early_stopping=False stops on its heuristic where "never" finds a
    # longer, better hypothesis.
    for nb in (2, 3):
        for lp in (1.0, 2.0):
            for es in (True, False, "never"):
                config = beam(nb, length_penalty=lp, early_stopping=es)
                cases.append(case(f"beam {nb} salt 137 lp {lp} es {es}", 137, [1, 4], (2.0, -0.25), config))
    return cases


def beam_cases() -> list[dict]:
    return [
        case("beam 3 repetition penalty", 201, [1, 4, 4], (-2.5, 0.4), beam(3, repetition_penalty=1.3)),
        case("beam 3 min new tokens", 202, [1], (0.5, 0.2), beam(3, min_new_tokens=3)),
        case("beam 3 two eos ids", 203, [1, 2], (-2.5, 0.45), beam(3, eos_token_id=[3, 7])),
        case("beam 4 return 3", 204, [1], (-2.0, 0.4), beam(4, num_return_sequences=3)),
        case("beam 4 return 4 never lp 2", 205, [1], (-2.0, 0.3),
             beam(4, num_return_sequences=4, length_penalty=2.0, early_stopping="never")),
        case("beam 3 pad 0 fills with eos", 206, [1], (-1.5, 0.4), beam(3, pad_token_id=0, num_return_sequences=3)),
        case("beam 3 pad 5", 206, [1], (-1.5, 0.4), beam(3, pad_token_id=5, num_return_sequences=3)),
        case("beam 2 negative length penalty", 207, [1, 8], (-2.0, 0.5), beam(2, length_penalty=-1.0)),
        case("beam 3 lp 0 never", 208, [1, 8], (-2.0, 0.5), beam(3, length_penalty=0.0, early_stopping="never")),
        case("beam 3 no eos id", 209, [1], (0.0, 0.0), {"num_beams": 3, "max_new_tokens": 6}),
        case("beam 2 default max length", 210, [1], (-5.0, 0.2), {"eos_token_id": 3, "num_beams": 2}),
    ]


def sampling_cases() -> list[dict]:
    return [
        case("sample t 0.7 top-k 5", 301, [1, 5], (-2.0, 0.4), sample(temperature=0.7, top_k=5), seed=7),
        case("sample top-p 0.8", 302, [1], (-2.0, 0.4), sample(top_p=0.8, top_k=0), seed=8),
        case("sample default top-k 50", 303, [1], (-2.5, 0.4), sample(), seed=9),
        case("sample 3 sequences padding", 304, [1], (-1.5, 0.5),
             sample(pad_token_id=0, num_return_sequences=3, temperature=1.3), seed=10),
        case("sample all warpers + penalties", 305, [1, 6], (-2.0, 0.4),
             sample(eos_token_id=[3, 7], temperature=0.8, top_k=8, top_p=0.9, repetition_penalty=1.2,
                    min_new_tokens=2), seed=11),
        case("beam sample 3", 306, [1], (-2.0, 0.4),
             sample(num_beams=3, temperature=1.2, top_k=10, max_new_tokens=8), seed=12),
    ]


def build_cases() -> list[dict]:
    return greedy_cases() + beam_grid_cases() + beam_cases() + sampling_cases()


def run_case(model: FakeLM, c: dict) -> dict:
    cfg = c["config"]
    eos_ids = cfg.get("eos_token_id")
    model.salt = c["salt"]
    model.prompt_len = len(c["prompt"])
    model.eos_ids = [] if eos_ids is None else ([eos_ids] if isinstance(eos_ids, int) else list(eos_ids))
    model.eos_boost = torch.tensor(c["eosBoost"], dtype=torch.float32)
    model.generation_config = GenerationConfig()
    original = torch.multinomial
    torch.multinomial = make_multinomial(Mulberry32(c.get("seed", 0)))
    try:
        out = model.generate(
            torch.tensor([c["prompt"]]), use_cache=False, return_dict_in_generate=True, output_scores=True, **cfg
        )
    finally:
        torch.multinomial = original
    result = {**c, "sequences": out.sequences.tolist()}
    scores = getattr(out, "sequences_scores", None)
    if scores is not None:
        result["sequencesScores"] = [float(s) for s in scores.tolist()]
    return result


def summarize(results: list[dict]) -> None:
    for r in results:
        lens = [len(s) - len(r["prompt"]) for s in r["sequences"]]
        print(f"{r['name']:<40} generated={lens} first={r['sequences'][0][len(r['prompt']):]}")
    groups: dict[str, set[str]] = {}
    for r in results:
        if " es " in r["name"]:
            groups.setdefault(r["name"].split(" lp ")[0], set()).add(json.dumps(r["sequences"]))
    for key, outs in groups.items():
        print(f"{key}: {len(outs)} distinct outputs over the length-penalty/early-stopping variants")


def to_json(doc: dict) -> str:
    """Compact JSON with one table row or case per line, so regenerated files diff readably."""
    def dump(v: object) -> str:
        return json.dumps(v, separators=(",", ":"))

    parts = []
    for key, value in doc.items():
        if isinstance(value, list):
            rows = ",\n    ".join(dump(v) for v in value)
            parts.append(f"  {dump(key)}: [\n    {rows}\n  ]")
        else:
            parts.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> None:
    torch.manual_seed(0)
    table = make_table()
    model = FakeLM(FakeConfig(), torch.from_numpy(table)).eval()
    with torch.no_grad():
        results = [run_case(model, c) for c in build_cases()]
    summarize(results)
    doc = {
        "about": "Generated by tools/generation_vectors.py; do not edit by hand.",
        "transformers": transformers.__version__,
        "torch": torch.__version__.split("+")[0],
        "vocabSize": VOCAB,
        "table": [[f32_text(v) for v in row] for row in table.tolist()],
        "cases": results,
    }
    OUT.write_text(to_json(doc))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
