"""BLIP retrieval rows of the PyTorch baseline (issue 15): the modules BlipForImageTextRetrieval.forward runs.

ITC: `text_encoder` without the image + `text_proj` of [CLS], all labels in one padded batch (PyTorch has no
per-batch activation scale, so it never needs the q8 graphs' one row a run). ITM: `text_encoder` with
cross-attention to the image's `last_hidden_state` (repeated per label) + `itm_head`. Re-ranking: one ITM
pass per top image, as the app's `itm:search` does. The image states are computed before the clock starts.
"""

from __future__ import annotations

import torch


def itm_metrics(model, tokenizer, config: dict, metrics: dict, helpers: dict) -> None:
    """`helpers`: torch_bench's pixels, repeat, timed and stat, so inputs and statistics match the other rows."""
    pixels, repeat, timed, stat = helpers["pixels"], helpers["repeat"], helpers["timed"], helpers["stat"]
    inputs, size = config["inputs"], config["sizes"]["itm"]
    seeds = iter(range(60_000, 70_000))

    def labels(i):
        return tokenizer([inputs["template"].replace("{}", label) for label in inputs["labelSets"][1 + i]], padding=True, return_tensors="pt")

    def states(count=1):
        return model.vision_model(pixel_values=pixels(count, size, next(seeds)))[0]

    def itc(encoded):
        hidden = model.text_encoder(input_ids=encoded.input_ids, attention_mask=encoded.attention_mask)[0]
        return model.text_proj(hidden[:, 0, :])

    def itm(encoded, image):
        image = image.expand(encoded.input_ids.shape[0], -1, -1)
        mask = torch.ones(image.shape[:-1], dtype=torch.long)
        hidden = model.text_encoder(input_ids=encoded.input_ids, attention_mask=encoded.attention_mask, encoder_hidden_states=image, encoder_attention_mask=mask)[0]
        return model.itm_head(hidden[:, 0, :])

    def per_label(i, run):
        encoded = labels(i)
        return run(encoded) / encoded.input_ids.shape[0]

    metrics["itm.itc_label"] = stat(repeat(config, lambda i: per_label(i, lambda encoded: timed(lambda: itc(encoded)))))
    metrics["itm.itm_pair"] = stat(repeat(config, lambda i: per_label(i, lambda encoded: (lambda image: timed(lambda: itm(encoded, image)))(states()))))

    def rerank(i):
        query = tokenizer([inputs["queries"][i]], return_tensors="pt")
        images = [states() for _ in range(config["itmRerank"])]
        return timed(lambda: [itm(query, image) for image in images])
    metrics["itm.rerank10"] = stat(repeat(config, rerank))
