/**
 * BLIP attention maps (issue 14) as the square patch grids the heat maps draw: the CLS position dropped,
 * one layer or the mean of layers. VQA's decoder attends to the question, not the image, so an answer
 * word's image map is its attention over the question tokens times each token's own map over the image.
 */
import type { BlipAttentionMaps } from '../shared/protocol';

export type LayerChoice = number | 'mean';

export interface PatchGrid {
  /** Patches per side (the model's image size / patch size). */
  side: number;
  /** side × side values, row-major, CLS dropped. */
  values: number[];
}

function pickLayer(perLayer: readonly (readonly number[])[], layer: LayerChoice): number[] {
  if (layer !== 'mean') return [...(perLayer[layer] ?? [])];
  const width = perLayer[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  for (const row of perLayer) row.forEach((value, i) => (mean[i] = (mean[i] ?? 0) + value / perLayer.length));
  return mean;
}

function toGrid(withCls: readonly number[]): PatchGrid | undefined {
  const values = withCls.slice(1);
  const side = Math.round(Math.sqrt(values.length));
  return side > 0 && side * side === values.length ? { side, values } : undefined;
}

/** The image map of generated token `token`; undefined when the memory is not CLS + a square grid. */
export function wordGrid(maps: BlipAttentionMaps, token: number, layer: LayerChoice): PatchGrid | undefined {
  const step = maps.steps[token];
  if (!step) return undefined;
  const overMemory = pickLayer(step, layer);
  if (!maps.question) return toGrid(overMemory);
  // VQA: weight each question token's image map (same layer choice) by the answer word's attention to it.
  const perToken =
    maps.question[0]?.map((_, q) =>
      pickLayer(
        maps.question!.map((rows) => rows[q] ?? []),
        layer,
      ),
    ) ?? [];
  const image = new Array<number>(perToken[0]?.length ?? 0).fill(0);
  overMemory.forEach((weight, q) => perToken[q]?.forEach((value, i) => (image[i] = (image[i] ?? 0) + weight * value)));
  return toGrid(image);
}
