"""Small tokenizers built locally (no Hub): a BERT WordPiece vocab for BLIP, a byte-level BPE for CLIP.

Both are deterministic functions of the word list below, so the fixture tokenizers are reproducible.
"""

from __future__ import annotations

import collections
import re

from transformers import BertTokenizer, CLIPTokenizer

LETTERS = list("abcdefghijklmnopqrstuvwxyz")

WORDS = """
a an the this that these those there here is are was be it its of in on at to with from by for and or
not no yes one two three four five six seven eight nine ten many some several few more most
what which who where when how why do does can could picture photo image photograph drawing painting
cat cats dog dogs kitten puppy animal animals bird birds horse person people man woman men women child
girl boy astronaut space suit flag helmet rocket launch smoke sky cloud clouds tower fire pad
coffee cup mug saucer table wood wooden spoon drink plate bowl food breakfast
checkerboard checker board chess pattern squares square grid gradient color colors colour red green blue
yellow black white gray grey orange purple pink brown dark light bright
sitting standing lying looking holding wearing flying smiling sleeping next near front behind top
small large big little tall close up view background foreground left right middle center side
car street road building house room wall window door water tree trees grass field sun night day
shirt hat face eyes hand hands head nose ears tail fur paw whiskers
texture surface shape shapes circle line lines stripes abstract blurry closeup
does doing is being has have had very just only also
""".split()

SUBWORDS = "##s ##es ##ed ##ing ##er ##ly ##y ##al ##ic ##en".split()
PUNCT = list(".,?!'-:;")
DIGITS = list("0123456789")

BLIP_SPECIAL = ["[PAD]", "[unused0]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
BLIP_BOS = "[DEC]"
BLIP_ENC = "[ENC]"


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def blip_vocab() -> dict[str, int]:
    """BERT-style vocab; [DEC]/[ENC] are appended at the end like BLIP appends them to bert-base-uncased."""
    tokens = _unique(BLIP_SPECIAL + PUNCT + DIGITS + LETTERS + WORDS + SUBWORDS)
    return {tok: i for i, tok in enumerate(tokens)}


def bert_sized_vocab(size: int = 30522) -> dict[str, int]:
    """bert-base-uncased's layout for the full-size benchmark models: [PAD]=0, [UNK]=100, [CLS]=101, [SEP]=102,
    [MASK]=103, our words after that, '[unusedN]' fillers up to `size` ids."""
    tokens = ["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokens = _unique(tokens + PUNCT + DIGITS + LETTERS + WORDS + SUBWORDS)
    tokens += [f"[unused{i}]" for i in range(99, 99 + size - len(tokens))]
    return {tok: i for i, tok in enumerate(tokens)}


def build_blip_tokenizer(full_size: bool = False) -> BertTokenizer:
    """[DEC] (bos) and [ENC] are added after the vocab, as BLIP adds them to bert-base-uncased (30522, 30523)."""
    vocab = bert_sized_vocab() if full_size else blip_vocab()
    tok = BertTokenizer(vocab=vocab, do_lower_case=True, model_max_length=512)
    tok.add_special_tokens({"bos_token": BLIP_BOS, "additional_special_tokens": [BLIP_ENC]})
    return tok


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2/CLIP byte -> printable unicode mapping."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def learn_bpe(corpus: list[str], num_merges: int) -> list[tuple[str, str]]:
    """Plain BPE learner: most frequent adjacent pair wins, ties broken by the pair's string order."""
    byte_map = bytes_to_unicode()
    counts = collections.Counter(w for text in corpus for w in re.findall(r"[a-z]+|[0-9]|[^\sa-z0-9]+", text.lower()))
    words = {}
    for word, count in counts.items():
        symbols = [byte_map[b] for b in word.encode("utf-8")]
        symbols[-1] += "</w>"
        words[tuple(symbols)] = count
    merges: list[tuple[str, str]] = []
    for _ in range(num_merges):
        pairs: collections.Counter = collections.Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = {_merge_word(symbols, best): count for symbols, count in words.items()}
    return merges


def _merge_word(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def clip_vocab_and_merges(num_merges: int = 400, size: int | None = None) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """CLIP layout: 256 byte symbols, 256 byte symbols + '</w>', one token per merge, then the two specials.
    With `size`, unreachable filler tokens pad the vocab so the specials land on size-2 and size-1 (49406, 49407
    for the full-size CLIP)."""
    byte_chars = list(bytes_to_unicode().values())
    merges = learn_bpe([" ".join(WORDS)], num_merges)
    tokens = _unique(byte_chars + [c + "</w>" for c in byte_chars] + ["".join(m) for m in merges])
    if size is not None:
        tokens += [f"<|filler{i}|>" for i in range(size - 2 - len(tokens))]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    return {tok: i for i, tok in enumerate(tokens)}, merges


def build_clip_tokenizer(full_size: bool = False) -> CLIPTokenizer:
    vocab, merges = clip_vocab_and_merges(size=49408 if full_size else None)
    return CLIPTokenizer(vocab=vocab, merges=merges, model_max_length=77)
