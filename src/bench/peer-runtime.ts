/**
 * The benchmark's peer (issue 17 §6): transformers.js running CLIP with its own classes
 * (CLIPVisionModelWithProjection, CLIPTextModelWithProjection, AutoProcessor, AutoTokenizer) on the
 * same files from the same host, in a worker of the same page (so the same isolation and thread
 * count as the app's worker). Times are taken here, around transformers.js's own calls, as the app's
 * worker times its own: preprocessing + session + normalisation. Loaded lazily by peer-worker.ts.
 */
import type * as TransformersModule from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import ortWasmUrl from 'onnxruntime-web-dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { PeerLoad, PeerTimed } from './peer-types';

type Transformers = typeof TransformersModule;
type Model = Awaited<ReturnType<Transformers['CLIPVisionModelWithProjection']['from_pretrained']>>;

interface Loaded {
  lib: Transformers;
  vision: Model;
  text: Model;
  processor: Awaited<ReturnType<Transformers['AutoProcessor']['from_pretrained']>>;
  tokenizer: Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
  logitScale: number;
}

let loaded: Loaded | undefined;

async function load({ hubUrl, repo, dtype, threads }: PeerLoad): Promise<{ createMs: number }> {
  // Before transformers.js is evaluated: it would point ORT at a CDN unless the paths are set already.
  ort.env.wasm.wasmPaths = { wasm: new URL(ortWasmUrl, self.location.href).href };
  ort.env.wasm.numThreads = threads;
  const lib = await import('@huggingface/transformers');
  Object.assign(lib.env, {
    allowLocalModels: false,
    allowRemoteModels: true,
    remoteHost: hubUrl,
    remotePathTemplate: '{model}/resolve/{revision}/',
    useBrowserCache: false,
    useWasmCache: false,
  });
  const options = { dtype, device: 'wasm' } as const;
  const start = performance.now();
  const [vision, text, processor, tokenizer] = await Promise.all([
    lib.CLIPVisionModelWithProjection.from_pretrained(repo, options),
    lib.CLIPTextModelWithProjection.from_pretrained(repo, options),
    lib.AutoProcessor.from_pretrained(repo),
    lib.AutoTokenizer.from_pretrained(repo),
  ]);
  const createMs = performance.now() - start;
  const config = vision.config as unknown as { logit_scale_init_value?: number };
  loaded = { lib, vision, text, processor, tokenizer, logitScale: Math.exp(config.logit_scale_init_value ?? Math.log(100)) };
  return { createMs };
}

function model(): Loaded {
  if (!loaded) throw new Error('peer: load() first.');
  return loaded;
}

async function embedImage(pixels: Uint8ClampedArray, size: number): Promise<PeerTimed> {
  const { lib, vision, processor } = model();
  const start = performance.now();
  const inputs = await processor(new lib.RawImage(pixels, size, size, 4));
  const { image_embeds } = await vision(inputs);
  const embeddings = (image_embeds as InstanceType<Transformers['Tensor']>).normalize(2, -1).tolist() as number[][];
  return { ms: performance.now() - start, embeddings };
}

async function embedTexts(texts: string[]): Promise<PeerTimed> {
  const { text, tokenizer } = model();
  const start = performance.now();
  const inputs = tokenizer(texts, { padding: true, truncation: true });
  const { text_embeds } = await text(inputs);
  const embeddings = (text_embeds as InstanceType<Transformers['Tensor']>).normalize(2, -1).tolist() as number[][];
  return { ms: performance.now() - start, embeddings };
}

/** Zero-shot classification as CLIP's logits_per_image: softmax over logit_scale · cosine. */
async function classify(pixels: Uint8ClampedArray, size: number, texts: string[]): Promise<PeerTimed & { probabilities: number[] }> {
  const start = performance.now();
  const [image] = (await embedImage(pixels, size)).embeddings;
  const labels = (await embedTexts(texts)).embeddings;
  const cosines = labels.map((label) => label.reduce((sum, value, index) => sum + value * (image?.[index] ?? 0), 0));
  const probabilities = model().lib.softmax(cosines.map((cosine) => cosine * model().logitScale));
  return { ms: performance.now() - start, embeddings: [image ?? [], ...labels], probabilities };
}

/** What the peer worker can be asked (peer-worker.ts), by name. */
export const methods = { load, embedImage, embedTexts, classify };
