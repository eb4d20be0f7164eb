import { describe, expect, it } from 'vitest';
import { runExclusive } from './exclusive';

/** A run that holds the thread, as a WASM session run does. */
function busyRun(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return Promise.resolve();
}

describe('runExclusive', () => {
  it('runs one task at a time, in order', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => runExclusive(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('lets a queued message in between long runs (heartbeats and Stop are not starved)', async () => {
    const channel = new MessageChannel();
    let runsDoneWhenMessageArrived = -1;
    let done = 0;
    const arrived = new Promise<void>((resolve) => {
      channel.port1.onmessage = () => {
        runsDoneWhenMessageArrived = done;
        channel.port1.close();
        resolve();
      };
    });
    const runs = Array.from({ length: 6 }, () => runExclusive(() => busyRun(120).then(() => void done++)));
    channel.port2.postMessage('heartbeat');
    await Promise.all(runs);
    await arrived;
    expect(runsDoneWhenMessageArrived).toBeGreaterThanOrEqual(0);
    expect(runsDoneWhenMessageArrived).toBeLessThan(6);
  });
});
