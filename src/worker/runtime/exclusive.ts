/**
 * One inference at a time. ONNX Runtime Web must not run two sessions
 * concurrently (its WASM and WebGPU backends are not re-entrant), and
 * transformers.js only serialises its own runs; CLIP and BLIP requests share
 * this queue, so a caption and a classification interleave step by step.
 *
 * A WASM run settles through microtasks only, so a loop of runs (BLIP
 * retrieval over a gallery, Caption all) never lets the worker's message
 * queue in: no heartbeat answer (the client replaces a worker silent for
 * 45 s), no Stop. Between runs, after this long busy, the queue gets a turn.
 */
const MAX_BUSY_MS = 200;

let tail: Promise<unknown> = Promise.resolve();
let lastTurn = performance.now();

export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const turn = async () => {
    if (performance.now() - lastTurn > MAX_BUSY_MS) await letMessagesIn();
    return task();
  };
  const result = tail.then(turn, turn);
  tail = result.catch(() => undefined);
  return result;
}

/** A macrotask boundary without setTimeout's 4 ms clamp: queued messages are handled first. */
function letMessagesIn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      lastTurn = performance.now();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
