/**
 * The runtime a native baseline process runs: onnxruntime-node (CPU, MLAS kernels), or, with
 * BENCH_ORT=web, onnxruntime-web's WASM build inside Node — the browser's kernels without the browser,
 * the worker or any app code: the "runtime floor" the app's overhead is measured against (issue 17 §4).
 * One module, so every baseline script builds its tensors with the runtime that runs them.
 */
export const RUNTIME = process.env.BENCH_ORT === 'web' ? 'onnxruntime-web' : 'onnxruntime-node';

export const ort = RUNTIME === 'onnxruntime-web' ? await import('onnxruntime-web') : await import('onnxruntime-node');

/** Session options for `threads` intra-op threads (ORT Web takes its thread count from env.wasm). */
export function sessionOptions(threads) {
  if (RUNTIME === 'onnxruntime-web') {
    ort.env.wasm.numThreads = threads;
    return { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  }
  return { executionProviders: ['cpu'], graphOptimizationLevel: 'all', executionMode: 'sequential', intraOpNumThreads: threads, interOpNumThreads: 1 };
}
