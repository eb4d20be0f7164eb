/**
 * BLIP cross-attention maps (issue 14), from exports with `cross_attentions.{layer}` outputs ([batch,
 * query tokens, memory tokens], heads averaged; tools/README.md "Attention maps").
 *
 * When maps are asked for, every decode step fetches those outputs beside the logits and `StepMaps` keeps
 * each row's map of the token that step chose; a hypothesis's maps are then read by following, step by
 * step, the row that computed each of its tokens (HF's `beam_indices`, `GenerationResult.rows`), which is
 * how the KV cache moves with the beams. Runs without maps do not name the outputs, and ORT computes only
 * what is fetched, so they cost nothing extra.
 */
import type { BlipAttentionMaps, MapsDelta } from '../../../shared/protocol';
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import { runExclusive } from '../../runtime/exclusive';
import { questionFeeds } from './encoders';
import type { TensorCtor, HostStates } from './tensors';

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

/** Query `query` of batch row `row` of a [rows, queries, keys] float32 map as plain numbers. */
function mapRow(tensor: OrtTensor, row: number, query: number): number[] {
  const [, queries = 0, keys = 0] = tensor.dims;
  const start = (row * queries + query) * keys;
  return Array.from((tensor.data as Float32Array).subarray(start, start + keys));
}

/** Every decode step's maps, per row: [step][row][layer] → attention over the memory tokens. */
export class StepMaps {
  private readonly steps: number[][][][] = [];

  constructor(
    readonly names: readonly string[],
    readonly keyLength: number,
  ) {}

  /** Takes one step's outputs: each row's last query position is the token this step predicts. */
  record(outputs: Readonly<Record<string, OrtTensor | undefined>>): void {
    const tensors = this.names.map((name) => outputs[name] ?? missing(name));
    const [rows = 0, queries = 0] = tensors[0]?.dims ?? [];
    this.steps.push(Array.from({ length: rows }, (_, row) => tensors.map((tensor) => mapRow(tensor, row, queries - 1))));
  }

  /** [token][layer] maps of a hypothesis whose token t was computed in row rows[t] of step t, from token `from` on. */
  follow(rows: readonly number[], from = 0): number[][][] {
    return rows.slice(from).map((row, index) => this.steps[from + index]?.[row] ?? missing(`step ${from + index} row ${row}`));
  }
}

function missing(what: string): never {
  throw new Error(`The decoder step did not return the attention map of ${what}.`);
}

/**
 * What the UI gets while the text streams: the maps of the streamed hypothesis from word `from` on. Greedy
 * appends one word per step; a beam that overtakes another replaces the maps from the first word that
 * differs (in token or in the row that computed it).
 */
export class MapsStream {
  private shown: { tokens: readonly number[]; rows: readonly number[] } = { tokens: [], rows: [] };
  private questionSent = false;

  constructor(
    private readonly maps: StepMaps,
    private readonly word: (id: number) => string,
    private readonly question: number[][][] | undefined,
  ) {}

  next(tokens: readonly number[], rows: readonly number[]): MapsDelta | undefined {
    let from = 0;
    while (from < tokens.length && tokens[from] === this.shown.tokens[from] && rows[from] === this.shown.rows[from]) from++;
    if (from === tokens.length && from === this.shown.tokens.length) return undefined;
    this.shown = { tokens: [...tokens], rows: [...rows] };
    const question = this.questionSent || !this.question ? {} : { question: this.question };
    this.questionSent = true;
    return {
      from,
      layers: this.maps.names.length,
      keyLength: this.maps.keyLength,
      words: tokens.slice(from).map(this.word),
      steps: this.maps.follow(rows, from),
      ...question,
    };
  }
}

/** The finished run's maps: the returned hypothesis's tokens and rows. */
export function runMaps(
  maps: StepMaps,
  tokens: readonly number[],
  rows: readonly number[],
  word: (id: number) => string,
  question?: number[][][],
): BlipAttentionMaps {
  return {
    layers: maps.names.length,
    keyLength: maps.keyLength,
    words: tokens.map(word),
    steps: maps.follow(rows),
    ...(question ? { question } : {}),
  };
}

/** VQA: [layer][question token] maps over the image tokens, from the question encoder's own outputs. */
export async function questionMaps(
  Tensor: TensorCtor,
  session: OrtSession,
  questionIds: readonly number[],
  image: HostStates,
): Promise<number[][][] | undefined> {
  const names = crossMapNames(session.outputNames);
  if (names.length === 0) return undefined;
  const outputs = await runExclusive(() => session.run(questionFeeds(Tensor, session, questionIds, image), names));
  return names.map((name) => questionIds.map((_, token) => mapRow(outputs[name] as OrtTensor, 0, token)));
}
