/**
 * One inference at a time. ONNX Runtime Web must not run two sessions
 * concurrently (its WASM and WebGPU backends are not re-entrant), and
 * transformers.js only serialises its own runs; CLIP and BLIP requests share
 * this queue, so a caption and a classification interleave step by step.
 */
let tail: Promise<unknown> = Promise.resolve();

export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const result = tail.then(task, task);
  tail = result.catch(() => undefined);
  return result;
}
