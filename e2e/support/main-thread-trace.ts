/**
 * Main-thread tasks from a Chromium trace, with both wall time and the CPU
 * time the thread really spent. On a shared test machine the wall time of
 * even a 5 ms task stretches past 100 ms while the thread waits for a core,
 * so limits on how long the app blocks the page are checked on CPU time;
 * the Long Tasks API (wall time) is reported alongside.
 */
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
  /** True for the task that dispatched the event `eventType` named. */
  dispatched: boolean;
  dispatchCpuMs: number;
}

export async function traceMainThread(browser: Browser, page: Page, eventType: string, action: () => Promise<void>): Promise<MainThreadTask[]> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await action();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mains = new Set(
    traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = traceEvents.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
  const dispatches = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === eventType);
  return onMain
    .filter((e) => e.name === 'RunTask')
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const inside = dispatches.filter((d) => d.ts >= task.ts && d.ts <= end);
      return {
        wallMs: (task.dur ?? 0) / 1000,
        cpuMs: (task.tdur ?? 0) / 1000,
        dispatched: inside.length > 0,
        dispatchCpuMs: inside.reduce((sum, d) => sum + (d.tdur ?? 0), 0) / 1000,
      };
    });
}
