/**
 * One run of the BLIP vision model over several images (Caption all, issue 17 §5): the images'
 * pixels stacked into one [n, 3, H, W] input, the [n, tokens, hidden] output split back into one
 * host copy per image. A single image is the n = 1 case of the same code.
 */
import { runExclusive } from '../../runtime/exclusive';
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import { preprocessImage, type PreprocessorConfig } from '../image-preprocess';
import { asStorage, floatToHalf, floatType, inputFloatType, type FloatData, type HostStates, type TensorCtor } from './tensors';
import type { BlipImage } from './types';

export interface VisionBatchRun {
  /** One [1, tokens, hidden] entry per image, in order. */
  states: HostStates[];
  preprocessMs: number;
  visionMs: number;
}

export async function runVisionBatch(
  Tensor: TensorCtor,
  session: OrtSession,
  preprocessor: PreprocessorConfig,
  output: string,
  images: readonly BlipImage[],
): Promise<VisionBatchRun> {
  const start = performance.now();
  const pixels = images.map((image) => preprocessImage(image, preprocessor));
  const [, channels = 3, height = 0, width = 0] = pixels[0]?.dims ?? [];
  const size = channels * height * width;
  const stacked = new Float32Array(images.length * size);
  pixels.forEach((entry, index) => stacked.set(entry.data, index * size));
  const dims = [images.length, channels, height, width];
  const input =
    inputFloatType(session, 'pixel_values') === 'float16'
      ? new Tensor('float16', Uint16Array.from(stacked, floatToHalf), dims)
      : new Tensor('float32', stacked, dims);
  const preprocessMs = performance.now() - start;
  const outputs = await runExclusive(() => session.run({ pixel_values: input }, [output]));
  const visionMs = performance.now() - start - preprocessMs;
  return { states: splitRows(outputs[output] as OrtTensor, images.length, `The vision model output ${output}`), preprocessMs, visionMs };
}

/** [n, tokens, hidden] → n copies of [1, tokens, hidden] (copied: they outlive ORT's buffer). */
function splitRows(tensor: OrtTensor, rows: number, what: string): HostStates[] {
  const [batch, tokens, hidden] = tensor.dims;
  if (tensor.dims.length !== 3 || batch !== rows || tokens === undefined || hidden === undefined) {
    throw new Error(`${what} has dims [${tensor.dims.join(', ')}], expected [${rows}, tokens, hidden].`);
  }
  const type = floatType(tensor.type, what);
  const data = asStorage(tensor.data as FloatData);
  const size = tokens * hidden;
  return Array.from({ length: rows }, (_, row) => ({ type, data: data.slice(row * size, (row + 1) * size), dims: [1, tokens, hidden] as const }));
}
