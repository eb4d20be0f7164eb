/**
 * Generation options: HF v5's global defaults, validation, and the merge of a model's
 * generation_config.json with user overrides (HF precedence: call arguments > model config > defaults).
 */
import type { EarlyStopping, GenerationOptions } from './types';

/** HF v5 `GenerationConfig._get_default_generation_params` for the fields we support. */
export const HF_DEFAULTS: Readonly<GenerationOptions> = {
  maxNewTokens: 20,
  minNewTokens: 0,
  numBeams: 1,
  doSample: false,
  temperature: 1,
  topK: 50,
  topP: 1,
  repetitionPenalty: 1,
  lengthPenalty: 1,
  earlyStopping: false,
  eosTokenId: null,
  padTokenId: null,
  seed: null,
  numReturnSequences: 1,
};

/** The parsed generation_config.json (snake_case, as HF writes it). */
export type GenerationConfigJson = Readonly<Record<string, unknown>>;

/** User overrides; `maxLength`/`minLength` count the prompt, like HF's `max_length`/`min_length`. */
export interface OptionOverrides extends Partial<GenerationOptions> {
  maxLength?: number;
  minLength?: number;
}

export interface ResolveContext {
  promptLength: number;
  /** The text model's `max_position_embeddings`; caps HF's default length as HF does. */
  maxPositionEmbeddings?: number;
}

/** Fills unset fields with HF's defaults and validates the result. */
export function withDefaults(partial: Partial<GenerationOptions>): GenerationOptions {
  const options = { ...HF_DEFAULTS };
  for (const key of Object.keys(partial) as (keyof GenerationOptions)[]) {
    if (partial[key] !== undefined) Object.assign(options, { [key]: partial[key] });
  }
  validateOptions(options);
  return options;
}

/**
 * Builds options the way HF's `generate` does from a model's generation config and call arguments.
 * Length rules (v5 `_prepare_generated_length`): `max_new_tokens` wins over `max_length` wherever either
 * was set; with neither, 20 new tokens, capped so the total fits `max_position_embeddings`.
 */
export function resolveGenerationOptions(
  config: GenerationConfigJson | null | undefined,
  overrides: OptionOverrides,
  context: ResolveContext,
): GenerationOptions {
  const c = config ?? {};
  const pick = <T>(override: T | undefined, key: string, read: (v: unknown) => T | undefined): T | undefined =>
    override !== undefined ? override : read(c[key]);
  const partial: Partial<GenerationOptions> = {
    numBeams: pick(overrides.numBeams, 'num_beams', asNumber),
    doSample: pick(overrides.doSample, 'do_sample', asBoolean),
    temperature: pick(overrides.temperature, 'temperature', asNumber),
    topK: pick(overrides.topK, 'top_k', asNumber),
    topP: pick(overrides.topP, 'top_p', asNumber),
    repetitionPenalty: pick(overrides.repetitionPenalty, 'repetition_penalty', asNumber),
    lengthPenalty: pick(overrides.lengthPenalty, 'length_penalty', asNumber),
    earlyStopping: pick(overrides.earlyStopping, 'early_stopping', asEarlyStopping),
    eosTokenId: pick(overrides.eosTokenId, 'eos_token_id', asTokenIds),
    padTokenId: pick(overrides.padTokenId, 'pad_token_id', asNumber),
    numReturnSequences: pick(overrides.numReturnSequences, 'num_return_sequences', asNumber),
    seed: overrides.seed,
    ...resolveLengths(c, overrides, context),
  };
  return withDefaults(partial);
}

function resolveLengths(
  c: GenerationConfigJson,
  o: OptionOverrides,
  { promptLength, maxPositionEmbeddings }: ResolveContext,
): Pick<GenerationOptions, 'maxNewTokens' | 'minNewTokens'> {
  const maxNew = o.maxNewTokens ?? asNumber(c['max_new_tokens']);
  const maxLength = o.maxLength ?? asNumber(c['max_length']);
  let maxNewTokens: number;
  if (maxNew !== undefined) maxNewTokens = maxNew;
  else if (maxLength !== undefined) maxNewTokens = maxLength - promptLength;
  else {
    const total = Math.min(HF_DEFAULTS.maxNewTokens + promptLength, maxPositionEmbeddings ?? Infinity);
    maxNewTokens = total - promptLength;
  }
  if (maxNewTokens <= 0) {
    throw new RangeError(`The prompt has ${promptLength} tokens but the maximum length is ${promptLength + maxNewTokens}; ` + 'raise maxNewTokens.');
  }
  const minNew = o.minNewTokens ?? asNumber(c['min_new_tokens']);
  const minLength = o.minLength ?? asNumber(c['min_length']);
  const minNewTokens = minNew ?? (minLength !== undefined ? Math.max(0, minLength - promptLength) : 0);
  return { maxNewTokens, minNewTokens };
}

/** Rows the model works on: HF expands the prompt to max(num_beams, num_return_sequences). */
export function batchRows(options: GenerationOptions): number {
  return Math.max(options.numBeams, options.numReturnSequences);
}

export function eosIdList(options: GenerationOptions): number[] {
  const eos = options.eosTokenId;
  return eos === null ? [] : Array.isArray(eos) ? [...eos] : [eos];
}

/** HF pads finished rows with pad_token_id, falling back to the first EOS id. */
export function padId(options: GenerationOptions): number | null {
  return options.padTokenId ?? eosIdList(options)[0] ?? null;
}

/** Throws a RangeError for what HF rejects (and for values that would make the loop meaningless). */
export function validateOptions(o: GenerationOptions): void {
  const fail = (message: string): never => {
    throw new RangeError(`Invalid generation options: ${message}`);
  };
  if (!isInt(o.maxNewTokens) || o.maxNewTokens < 1) fail(`maxNewTokens must be an integer ≥ 1: ${o.maxNewTokens}`);
  if (!isInt(o.minNewTokens) || o.minNewTokens < 0) fail(`minNewTokens must be an integer ≥ 0: ${o.minNewTokens}`);
  if (!isInt(o.numBeams) || o.numBeams < 1) fail(`numBeams must be an integer ≥ 1, got ${o.numBeams}`);
  if (!isInt(o.numReturnSequences) || o.numReturnSequences < 1) fail('numReturnSequences must be an integer ≥ 1');
  if (o.numBeams === 1 && !o.doSample && o.numReturnSequences > 1) {
    fail('greedy decoding returns one sequence; use beams or sampling for numReturnSequences > 1');
  }
  if (o.numBeams > 1 && o.numReturnSequences > o.numBeams) fail('numReturnSequences must be ≤ numBeams');
  if (!(o.repetitionPenalty > 0)) fail(`repetitionPenalty must be > 0, got ${o.repetitionPenalty}`);
  if (!Number.isFinite(o.lengthPenalty)) fail('lengthPenalty must be finite');
  if (asEarlyStopping(o.earlyStopping) === undefined) fail(`earlyStopping must be true, false or 'never'`);
  if (o.doSample) {
    if (!(o.temperature > 0)) fail(`temperature must be > 0 when sampling, got ${o.temperature}`);
    if (!isInt(o.topK) || o.topK < 0) fail(`topK must be an integer ≥ 0, got ${o.topK}`);
    if (!(o.topP >= 0 && o.topP <= 1)) fail(`topP must be in [0, 1], got ${o.topP}`);
  }
  for (const id of eosIdList(o)) if (!isInt(id) || id < 0) fail(`EOS ids must be integers ≥ 0, got ${id}`);
  if (o.padTokenId !== null && !isInt(o.padTokenId)) fail('padTokenId must be an integer');
  if (o.seed !== null && !isInt(o.seed)) fail('seed must be an integer');
}

function isInt(v: number): boolean {
  return Number.isInteger(v);
}

function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function asBoolean(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function asEarlyStopping(v: unknown): EarlyStopping | undefined {
  return typeof v === 'boolean' || v === 'never' ? v : undefined;
}

function asTokenIds(v: unknown): number | number[] | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return undefined;
}
