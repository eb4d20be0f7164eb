/**
 * BLIP cross-attention maps (issue 14) for a finished run, from exports with `cross_attentions.{layer}`
 * outputs ([batch, query tokens, memory tokens], heads averaged; tools/README.md "Attention maps").
 *
 * One extra no-past decoder pass over the returned sequence (its last token dropped): the decoder is
 * causal, so the query at position p sees exactly what the step that produced token p+1 saw, in greedy
 * and in beam search (the returned beam, whatever rows it moved through). The ordinary decode steps never
 * fetch these outputs, so runs without maps cost nothing extra (ORT computes only what is fetched).
 */
import type { BlipAttentionMaps } from '../../../shared/protocol';
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import { runExclusive } from '../../runtime/exclusive';
import { DecoderBase, type DecoderSetup } from './decoder-model';
import type { DecoderIo } from './decoder-layout';
import { questionFeeds } from './encoders';
import type { HostStates } from './tensors';

const CROSS_MAP = /^cross_attentions\.(\d+)$/;

/** `cross_attentions.0..n-1` when the outputs cover every layer of 0..n-1; [] otherwise (no maps). */
export function crossMapNames(outputNames: readonly string[]): string[] {
  const layers = outputNames
    .map((name) => CROSS_MAP.exec(name)?.[1])
    .filter((layer) => layer !== undefined)
    .map(Number);
  const names = [...new Set(layers)].sort((a, b) => a - b).map((layer) => `cross_attentions.${layer}`);
  return names.every((name, index) => name === `cross_attentions.${index}`) ? names : [];
}

/** Row `row` of a [1, queries, keys] float32 map as plain numbers. */
function mapRow(tensor: OrtTensor, row: number): number[] {
  const keys = tensor.dims[2] ?? 0;
  return Array.from((tensor.data as Float32Array).subarray(row * keys, (row + 1) * keys));
}

class MapsPass extends DecoderBase {
  readonly mode = 'uncached';

  constructor(
    setup: DecoderSetup,
    private readonly io: DecoderIo,
    encoder: HostStates,
  ) {
    super(setup, encoder);
    this.rows = 1;
  }

  async run(tokens: number[], names: readonly string[]): Promise<Record<string, OrtTensor>> {
    const session = this.setup.session(this.io.session);
    const feeds = { ...this.baseFeeds(this.io, [tokens], 0, 'states'), ...this.emptyPasts(this.io, session) };
    return session.run(feeds, names);
  }

  forward(): Promise<Float32Array> {
    return Promise.reject(new Error('MapsPass runs one pass; it is no step model.'));
  }

  reorder(): void {}
}

/** [generated token][layer] maps for `sequence` (prompt included) over the decoder's memory `encoder`. */
export async function decoderMaps(
  setup: DecoderSetup,
  io: DecoderIo,
  encoder: HostStates,
  sequence: readonly number[],
  promptLength: number,
  names: readonly string[],
): Promise<Omit<BlipAttentionMaps, 'words'>> {
  const pass = new MapsPass(setup, io, encoder);
  try {
    const outputs = await pass.run(sequence.slice(0, -1), names);
    const steps: number[][][] = [];
    for (let position = promptLength - 1; position < sequence.length - 1; position++) {
      steps.push(names.map((name) => mapRow(outputs[name] as OrtTensor, position)));
    }
    return { layers: names.length, keyLength: encoder.dims[1], steps };
  } finally {
    pass.dispose();
  }
}

/** VQA: [layer][question token] maps over the image tokens, from the question encoder's own outputs. */
export async function questionMaps(
  setup: DecoderSetup,
  session: OrtSession,
  questionIds: readonly number[],
  image: HostStates,
): Promise<number[][][] | undefined> {
  const names = crossMapNames(session.outputNames);
  if (names.length === 0) return undefined;
  const outputs = await runExclusive(() => session.run(questionFeeds(setup.Tensor, session, questionIds, image), names));
  return names.map((name) => questionIds.map((_, token) => mapRow(outputs[name] as OrtTensor, token)));
}
