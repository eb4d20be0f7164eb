/** The PyTorch golden outputs written by `python -m tools.fixtures`, for the specs to compare against. */
import { readFileSync, readdirSync } from 'node:fs';

export interface Golden {
  clip: {
    labels: string[];
    template: string;
    /** exp(logit_scale), as CLIPModel applies it. */
    logit_scale: number;
    probs: Record<string, number[]>;
    search: { query: string; ranking: string[]; cosine: Record<string, number> }[];
    q8: { probs: Record<string, number[]> };
  };
  blip_caption: Record<string, unknown>;
  blip_vqa: Record<string, unknown>;
  blip_itm: {
    labels: string[];
    template: string;
    itc_cosine: Record<string, number[]>;
    itc_probs: Record<string, number[]>;
    itm_prob: Record<string, number[]>;
    rerank_top_k: number;
    search: { query: string; itc_ranking: string[]; reranked: string[]; itm_prob: Record<string, number> }[];
  };
}

export const golden = JSON.parse(readFileSync('e2e/fixtures/golden.json', 'utf8')) as Golden;

export const FIXTURE_IMAGES = readdirSync('e2e/fixtures/images')
  .filter((name) => name.endsWith('.png'))
  .sort()
  .map((name) => ({ name, mimeType: 'image/png', buffer: readFileSync(`e2e/fixtures/images/${name}`) }));
