/**
 * The generation loop's StepModel over BLIP's ONNX text decoder.
 *
 * Cached (merged or split layout): the first step runs the no-past path on the whole prompt and
 * returns every layer's self- and cross-attention K/V; later steps feed one token per row with those
 * K/V as past inputs and fetch only logits and the new self-attention K/V. The cross-attention K/V
 * are therefore projected from the encoder states once per generation and never again. The with-past
 * branch does not read `encoder_hidden_states` (tools/README.md), so later steps feed a one-position
 * zero tensor there instead of re-sending rows × tokens × hidden floats every step.
 *
 * On WebGPU the present.* outputs are created as GPU buffers (session-bundle `gpuOutputs`); only the
 * logits come back to the CPU. The KvCache owns and disposes those buffers.
 *
 * Uncached (no-cache layout, and a reference mode for tests): every step re-runs the full sequence
 * through the no-past path and fetches logits only.
 *
 * With `StepMaps` (attention maps asked for), every step also fetches the `cross_attentions.*` outputs
 * (CPU outputs on WebGPU too: they are not among the GPU-located presents) and records them.
 */
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import { runExclusive } from '../../runtime/exclusive';
import type { StepMaps } from './attention-maps';
import type { TextShape } from './blip-config';
import { PAST_KINDS, type DecoderIo, type DecoderLayout } from './decoder-layout';
import type { StepModel } from './generation';
import { crossPresentNames, KvCache, pastName, selfPresentNames, type RowGatherer } from './kv-cache';
import {
  boolTensor,
  convertStates,
  emptyFloat,
  expandRows,
  inputFloatType,
  int64Tensor,
  lastLogits,
  onesMask,
  zeroStates,
  type HostStates,
  type TensorCtor,
} from './tensors';

/** One decoder session as the step models use it; `run` goes through the inference queue. */
export interface DecoderSession {
  readonly name: string;
  readonly inputMetadata?: OrtSession['inputMetadata'];
  run(feeds: Record<string, OrtTensor>, fetches: readonly string[]): Promise<Record<string, OrtTensor>>;
}

export function queuedSession(name: string, session: OrtSession): DecoderSession {
  return {
    name,
    inputMetadata: session.inputMetadata,
    run: (feeds, fetches) => runExclusive(() => session.run(feeds, [...fetches])),
  };
}

export interface DecoderSetup {
  Tensor: TensorCtor;
  layout: DecoderLayout;
  session(name: string): DecoderSession;
  shape: Pick<TextShape, 'heads' | 'headDim' | 'vocabSize'>;
  gatherer: RowGatherer<OrtTensor>;
}

export type DecodingMode = 'cached' | 'uncached';

export interface DecoderStepModel extends StepModel {
  readonly mode: DecodingMode;
  /** Encoder positions each generated token attends to. */
  readonly crossLength: number;
  dispose(): void;
}

export function createStepModel(setup: DecoderSetup, encoder: HostStates, mode: DecodingMode, maps?: StepMaps): DecoderStepModel {
  const { layout } = setup;
  if (layout.kind === 'no-cache' || mode === 'uncached') {
    const io = layout.kind === 'split' ? layout.first : layout.decoder;
    return new UncachedDecoder(setup, io, encoder, maps);
  }
  const first = layout.kind === 'merged' ? layout.decoder : layout.first;
  const later = layout.kind === 'merged' ? layout.decoder : layout.withPast;
  return new CachedDecoder(setup, first, later, encoder, maps);
}

/**
 * What is fed with the encoder states: the states themselves (expanded to the rows), or — on cached
 * steps, whose graph branch does not read them — a one-position zero tensor of the same rank.
 */
type StatesFeed = 'states' | 'placeholder';

/** Inputs both modes share: the ids, the expanded encoder states and masks. */
export abstract class DecoderBase implements DecoderStepModel {
  abstract readonly mode: DecodingMode;
  readonly vocabSize: number;
  protected rows = 0;
  private readonly owned = new Map<string, OrtTensor>();

  constructor(
    protected readonly setup: DecoderSetup,
    protected readonly encoder: HostStates,
    private readonly maps?: StepMaps,
  ) {
    this.vocabSize = setup.shape.vocabSize;
  }

  /** Runs one step, fetching the map outputs too when maps are recorded. */
  protected async step(session: DecoderSession, feeds: Record<string, OrtTensor>, fetches: readonly string[]): Promise<Record<string, OrtTensor>> {
    const outputs = await session.run(feeds, this.maps ? [...fetches, ...this.maps.names] : fetches);
    this.maps?.record(outputs);
    return outputs;
  }

  get crossLength(): number {
    return this.encoder.dims[1];
  }

  abstract forward(tokens: number[][]): Promise<Float32Array>;
  abstract reorder(indices: number[]): Promise<void> | void;

  dispose(): void {
    for (const tensor of this.owned.values()) tensor.dispose();
    this.owned.clear();
  }

  protected baseFeeds(io: DecoderIo, tokens: readonly (readonly number[])[], pastLength: number, statesFeed: StatesFeed): Record<string, OrtTensor> {
    const { Tensor } = this.setup;
    const feeds: Record<string, OrtTensor> = { input_ids: int64Tensor(Tensor, tokens) };
    if (io.hasEncoderStates) {
      const type = inputFloatType(this.setup.session(io.session), 'encoder_hidden_states');
      feeds['encoder_hidden_states'] =
        statesFeed === 'states'
          ? this.keep(`states:${type}`, () => expandRows(Tensor, convertStates(this.encoder, type), this.rows))
          : this.keep(`placeholder:${type}`, () => zeroStates(Tensor, type, this.rows, this.encoder.dims[2]));
    }
    if (io.hasEncoderMask) feeds['encoder_attention_mask'] = this.keep('mask', () => onesMask(Tensor, this.rows, this.encoder.dims[1]));
    if (io.hasSelfMask) feeds['attention_mask'] = onesMask(Tensor, this.rows, pastLength + (tokens[0]?.length ?? 0));
    return feeds;
  }

  /** No-past inputs of a session that also has past inputs (the merged graph's no-past branch). */
  protected emptyPasts(io: DecoderIo, session: DecoderSession): Record<string, OrtTensor> {
    const feeds: Record<string, OrtTensor> = {};
    if (io.hasCacheBranch) feeds['use_cache_branch'] = boolTensor(this.setup.Tensor, false);
    const type = inputFloatType(session, pastName(0, 'decoder.key'));
    const dims = [this.rows, this.setup.shape.heads, 0, this.setup.shape.headDim];
    for (let layer = 0; layer < io.pastLayers; layer++) {
      for (const kind of PAST_KINDS) feeds[pastName(layer, kind)] = emptyFloat(this.setup.Tensor, type, dims);
    }
    return feeds;
  }

  /** Input tensors that stay the same for the whole generation are built once. */
  private keep(key: string, create: () => OrtTensor): OrtTensor {
    let tensor = this.owned.get(key);
    if (!tensor) {
      tensor = create();
      this.owned.set(key, tensor);
    }
    return tensor;
  }
}

class CachedDecoder extends DecoderBase {
  readonly mode = 'cached';
  private readonly cache: KvCache<OrtTensor>;

  constructor(
    setup: DecoderSetup,
    private readonly first: DecoderIo,
    private readonly later: DecoderIo,
    encoder: HostStates,
    maps?: StepMaps,
  ) {
    super(setup, encoder, maps);
    this.cache = new KvCache(first.selfPresentLayers, setup.gatherer);
  }

  override get crossLength(): number {
    return this.cache.crossLength || super.crossLength;
  }

  async forward(tokens: number[][]): Promise<Float32Array> {
    const layers = this.cache.layers;
    if (!this.cache.hasCross) {
      this.rows = tokens.length;
      const session = this.setup.session(this.first.session);
      const feeds = { ...this.baseFeeds(this.first, tokens, 0, 'states'), ...this.emptyPasts(this.first, session) };
      const outputs = await this.step(session, feeds, ['logits', ...selfPresentNames(layers), ...crossPresentNames(layers)]);
      this.cache.accept(outputs);
      return lastLogits(outputs['logits'] as OrtTensor, this.rows);
    }
    const session = this.setup.session(this.later.session);
    const feeds = { ...this.baseFeeds(this.later, tokens, this.cache.pastLength, 'placeholder'), ...this.cache.feeds() };
    if (this.later.hasCacheBranch) feeds['use_cache_branch'] = boolTensor(this.setup.Tensor, true);
    const outputs = await this.step(session, feeds, ['logits', ...selfPresentNames(layers)]);
    this.cache.accept(outputs);
    return lastLogits(outputs['logits'] as OrtTensor, this.rows);
  }

  reorder(indices: number[]): Promise<void> {
    return this.cache.reorder(indices);
  }

  override dispose(): void {
    this.cache.dispose();
    super.dispose();
  }
}

class UncachedDecoder extends DecoderBase {
  readonly mode = 'uncached';
  private history: number[][] = [];

  constructor(
    setup: DecoderSetup,
    private readonly io: DecoderIo,
    encoder: HostStates,
    maps?: StepMaps,
  ) {
    super(setup, encoder, maps);
  }

  async forward(tokens: number[][]): Promise<Float32Array> {
    if (this.history.length === 0) {
      this.rows = tokens.length;
      this.history = tokens.map((row) => [...row]);
    } else {
      tokens.forEach((row, index) => this.history[index]?.push(...row));
    }
    const session = this.setup.session(this.io.session);
    const feeds = { ...this.baseFeeds(this.io, this.history, 0, 'states'), ...this.emptyPasts(this.io, session) };
    const outputs = await this.step(session, feeds, ['logits']);
    return lastLogits(outputs['logits'] as OrtTensor, this.rows);
  }

  reorder(indices: number[]): void {
    this.history = indices.map((source) => [...(this.history[source] ?? [])]);
  }
}
