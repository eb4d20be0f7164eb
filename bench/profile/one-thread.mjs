/** The two runtimes the profiles compare on one thread, and their median timer (shared by the bench/profile scripts). */

/** `'onnxruntime-node'`, or anything else for onnxruntime-web's WASM build in Node (the browser's kernels). */
export async function runtime(name) {
  if (name === 'onnxruntime-node') {
    const ort = await import('onnxruntime-node');
    return { ort, options: { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 1, interOpNumThreads: 1 } };
  }
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  return { ort, options: { executionProviders: ['wasm'], graphOptimizationLevel: 'all' } };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of `count` timed runs after one warm-up run, in ms. */
export async function timeRuns(count, run) {
  await run();
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}
