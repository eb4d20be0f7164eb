/**
 * The BLIP engine: our own ONNX sessions (vision, VQA question encoder, text decoder) and the
 * HF-exact generation loop. Loading reads every shape and special id from the model's files, detects
 * the decoder layout from the session's names, and on WebGPU keeps the decoder's KV cache on the GPU.
 */
import { AppError } from '../../../shared/errors';
import { TASK_SESSIONS } from '../../../shared/model-registry';
import { BLIP_ENCODE_BATCH } from '../../../shared/blip-encode-batch';
import type { BlipEncodeResult, SessionInfo } from '../../../shared/protocol';
import { validatePreprocessorConfig, validateVisionConfig } from '../config-validation';
import { readJson, type EngineContext, type EngineFactory } from '../engine';
import type { PreprocessorConfig } from '../image-preprocess';
import { createSessionBundle, type SessionBundle } from '../session-bundle';
import { readBlipConfig, type BlipConfigJson, type BlipModelConfig } from './blip-config';
import { crossMapNames, questionMaps, StepMaps } from './attention-maps';
import { abortedBeforeStart, decodeRun, type DecodeInput, type EncodeTimings } from './blip-run';
import { loadBlipTokenizer, type BlipTokenizer } from './blip-tokenizer';
import { createStepModel, queuedSession, type DecoderSession, type DecoderSetup, type DecodingMode } from './decoder-model';
import { detectDecoderLayout, unsupportedLayout, type DecoderLayout } from './decoder-layout';
import { resolveEncoderIo, type EncoderIo } from './encoder-io';
import { encodeQuestion, VisionEncoder } from './encoders';
import type { GenerationConfigJson } from './generation';
import { crossPresentNames, selfPresentNames } from './kv-cache';
import { answerPromptIds, captionPromptIds } from './prompts';
import { cpuGatherer, graphGatherer, type DeviceGatherer } from './row-gather';
import { runOptions } from './run-options';
import type { HostStates } from './tensors';
import type { AnswerRequest, BlipEngine, BlipFacts, BlipImage, BlipRun, CaptionRequest, RunHooks } from './types';

const VISION = 'vision_model';
const QUESTION_ENCODER = 'text_encoder_model';

export interface BlipEngineOptions {
  /** 'uncached' re-runs the whole sequence every step (reference mode for tests). */
  decoding?: DecodingMode;
}

export const createBlipEngine: EngineFactory<BlipEngine> = (context) => openBlipEngine(context);

export async function openBlipEngine(context: EngineContext, options: BlipEngineOptions = {}): Promise<BlipEngine> {
  const task = context.spec.task;
  if (task !== 'caption' && task !== 'vqa') {
    throw new AppError({
      code: 'internal',
      message: `The BLIP engine was asked to load ${context.spec.displayName}, a ${task} model.`,
      action: 'Reload the page; if it happens again, report it.',
    });
  }
  const config = readBlipConfigFiles(context, await loadBlipTokenizer(context));
  const decoderNames = TASK_SESSIONS[task].filter((name) => name !== VISION && name !== QUESTION_ENCODER);
  const gpuOutputs = [...selfPresentNames(config.model.text.layers), ...crossPresentNames(config.model.text.layers)];
  const bundle = await createSessionBundle(context, Object.fromEntries(decoderNames.map((name) => [name, { gpuOutputs }])));
  try {
    const decoders = bundle.sessions().filter((info) => decoderNames.includes(info.name));
    const layout = detectDecoderLayout(decoders);
    checkLayers(layout, config.model, decoders);
    const named = (name: string) => bundle.sessions().find((info) => info.name === name);
    const io = resolveEncoderIo(
      named(VISION) ?? missingSession(VISION),
      task === 'vqa' ? (named(QUESTION_ENCODER) ?? missingSession(QUESTION_ENCODER)) : undefined,
    );
    return new OnnxBlipEngine(context, task, bundle, layout, config, options.decoding ?? 'cached', io);
  } catch (error) {
    await bundle.dispose();
    throw error;
  }
}

interface LoadedConfig {
  model: BlipModelConfig;
  generation: GenerationConfigJson | undefined;
  preprocessor: PreprocessorConfig;
  tokenizer: BlipTokenizer;
}

function readBlipConfigFiles(context: EngineContext, tokenizer: BlipTokenizer): LoadedConfig {
  const generation = context.files.has('generation_config.json') ? readJson<GenerationConfigJson>(context, 'generation_config.json') : undefined;
  const config = readJson<BlipConfigJson>(context, 'config.json');
  validateVisionConfig(config);
  return {
    model: readBlipConfig(config, generation, tokenizer.specials),
    generation,
    preprocessor: validatePreprocessorConfig(readJson<unknown>(context, 'preprocessor_config.json')),
    tokenizer,
  };
}

function checkLayers(layout: DecoderLayout, model: BlipModelConfig, decoders: readonly SessionInfo[]): void {
  if (layout.kind !== 'no-cache' && layout.layers !== model.text.layers) {
    throw unsupportedLayout(decoders, `the decoder has a cache for ${layout.layers} layers but config.json says ${model.text.layers}`);
  }
}

class OnnxBlipEngine implements BlipEngine {
  readonly facts: BlipFacts;
  private readonly vision: VisionEncoder;
  private readonly setup: DecoderSetup;
  private readonly gatherer: DeviceGatherer | undefined;
  private disposed = false;

  constructor(
    private readonly context: EngineContext,
    private readonly task: 'caption' | 'vqa',
    private readonly bundle: SessionBundle,
    layout: DecoderLayout,
    private readonly config: LoadedConfig,
    private readonly decoding: DecodingMode,
    private readonly io: EncoderIo,
  ) {
    const { Tensor } = context.ort;
    this.vision = new VisionEncoder(Tensor, bundle.session(VISION), config.preprocessor, io.visionOutput);
    this.gatherer = context.backend === 'webgpu' ? graphGatherer(context.ort, 'webgpu') : undefined;
    const decoders = new Map<string, DecoderSession>();
    this.setup = {
      Tensor,
      layout,
      session: (name) => {
        let session = decoders.get(name);
        if (!session) {
          session = queuedSession(name, bundle.session(name));
          decoders.set(name, session);
        }
        return session;
      },
      shape: config.model.text,
      gatherer: this.gatherer ?? cpuGatherer(Tensor),
    };
    this.facts = blipFacts(task, layout, config.model);
  }

  sessions(): SessionInfo[] {
    return this.bundle.sessions();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.vision.clear();
    await this.gatherer?.release();
    await this.bundle.dispose();
  }

  async caption(image: BlipImage, request: CaptionRequest, hooks: RunHooks = {}): Promise<BlipRun> {
    const started = performance.now();
    this.assertUsable('caption');
    const { tokenizer, model } = this.config;
    const prompt = request.prompt ? tokenizer.encode(request.prompt) : null;
    const promptIds = captionPromptIds(prompt, model.ids);
    const options = runOptions(this.config.generation, request.generation, promptIds.length, model);
    if (hooks.signal?.aborted) return abortedBeforeStart(tokenizer, promptIds, started, model.text.layers, notEncoded());
    const vision = await this.vision.encode(image);
    const timings: EncodeTimings = { preprocessMs: vision.preprocessMs, visionMs: vision.visionMs, visionCached: vision.cached };
    const maps = request.attentionMaps ? this.stepMaps(vision.states) : undefined;
    const run = await this.decode(started, promptIds, options, vision.states, timings, hooks, maps ? { steps: maps } : undefined);
    return maps === null ? { ...run, attentionMaps: null } : run;
  }

  async answer(image: BlipImage, request: AnswerRequest, hooks: RunHooks = {}): Promise<BlipRun> {
    const started = performance.now();
    this.assertUsable('answer');
    const { tokenizer, model } = this.config;
    const question = request.question.trim();
    if (!question) {
      throw new AppError({ code: 'bad-request', message: 'The question is empty.', action: 'Type a question about the image.' });
    }
    const promptIds = answerPromptIds(model.ids);
    const options = runOptions(this.config.generation, request.generation, promptIds.length, model);
    if (hooks.signal?.aborted) return abortedBeforeStart(tokenizer, promptIds, started, model.text.layers, notEncoded());
    const questionIds = tokenizer.encode(question);
    const maxPositions = model.text.maxPositions;
    if (maxPositions !== undefined && questionIds.length > maxPositions) {
      throw new AppError({
        code: 'bad-request',
        message: `The question is ${questionIds.length} tokens long; this model reads at most ${maxPositions}.`,
        action: 'Ask a shorter question.',
      });
    }
    const vision = await this.vision.encode(image);
    const questionStart = performance.now();
    const states = await encodeQuestion(
      this.context.ort.Tensor,
      this.bundle.session(QUESTION_ENCODER),
      questionIds,
      vision.states,
      this.io.questionOutput,
    );
    const timings: EncodeTimings = {
      preprocessMs: vision.preprocessMs,
      visionMs: vision.visionMs,
      visionCached: vision.cached,
      questionMs: performance.now() - questionStart,
    };
    const maps = request.attentionMaps ? this.stepMaps(states) : undefined;
    const overImage = maps ? await questionMaps(this.context.ort.Tensor, this.bundle.session(QUESTION_ENCODER), questionIds, vision.states) : undefined;
    const run = await this.decode(
      started,
      promptIds,
      options,
      states,
      timings,
      hooks,
      maps ? { steps: maps, ...(overImage ? { question: overImage } : {}) } : undefined,
    );
    return maps === null ? { ...run, attentionMaps: null } : run;
  }

  encodeImages(images: readonly BlipImage[], signal?: AbortSignal): Promise<BlipEncodeResult> {
    this.assertUsable(this.task === 'caption' ? 'caption' : 'answer');
    // One row a run for a graph that quantizes activations per tensor: its results would depend on the batch.
    const batch = this.bundle.dynamicallyQuantized(VISION) ? 1 : BLIP_ENCODE_BATCH;
    return this.vision.encodeMany(images, batch, signal);
  }

  /** A recorder of every step's maps over `memory`, or null when the decoder graphs lack the outputs. */
  private stepMaps(memory: HostStates): StepMaps | null {
    const { layout } = this.setup;
    const graphs = layout.kind === 'split' ? [layout.first, layout.withPast] : [layout.decoder];
    const perGraph = graphs.map((io) => crossMapNames(this.bundle.session(io.session).outputNames));
    const names = perGraph[0] ?? [];
    const everywhere = names.length > 0 && perGraph.every((found) => found.join() === names.join());
    return everywhere ? new StepMaps(names, memory.dims[1]) : null;
  }

  private decode(
    started: number,
    promptIds: number[],
    options: ReturnType<typeof runOptions>,
    encoder: HostStates,
    encodeTimings: EncodeTimings,
    hooks: RunHooks,
    maps: DecodeInput['maps'],
  ): Promise<BlipRun> {
    return decodeRun({
      started,
      tokenizer: this.config.tokenizer,
      promptIds,
      options,
      model: createStepModel(this.setup, encoder, this.decoding, maps?.steps),
      crossLayers: this.config.model.text.layers,
      encodeTimings,
      hooks,
      ...(maps ? { maps } : {}),
    });
  }

  private assertUsable(operation: 'caption' | 'answer'): void {
    if (this.disposed) {
      throw new AppError({
        code: 'internal',
        message: `${this.context.spec.displayName} was unloaded before the ${operation} request ran.`,
        action: 'Run the request again; the model loads anew.',
      });
    }
    const wanted = operation === 'caption' ? 'caption' : 'vqa';
    if (this.task !== wanted) {
      const can = this.task === 'caption' ? 'captions images' : 'answers questions about images';
      const needs = operation === 'caption' ? 'a BLIP captioning model' : 'a BLIP visual question answering model';
      throw new AppError({
        code: 'bad-request',
        message: `${this.context.spec.displayName} ${can}; ${operation === 'caption' ? 'captioning' : 'answering questions'} needs ${needs}.`,
        action: `Load ${needs} for this request.`,
      });
    }
  }
}

function blipFacts(task: 'caption' | 'vqa', layout: DecoderLayout, model: BlipModelConfig): BlipFacts {
  return {
    task,
    decoderLayout: layout.kind,
    visionLayers: model.vision.layers,
    textLayers: model.text.layers,
    // Every BLIP text layer cross-attends; a cached layout's layer count was checked against config.json.
    crossAttentionLayers: model.text.layers,
    imageTokens: model.vision.tokens,
    visionHidden: model.vision.hidden,
    textHidden: model.text.hidden,
    vocabSize: model.text.vocabSize,
    specialIds: model.ids,
  };
}

function missingSession(name: string): never {
  throw new AppError({ code: 'internal', message: `The BLIP engine has no ${name} session.`, action: 'Reload the page; if it happens again, report it.' });
}

function notEncoded(): EncodeTimings {
  return { preprocessMs: 0, visionMs: 0, visionCached: false };
}
