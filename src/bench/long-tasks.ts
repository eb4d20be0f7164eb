/** Counts main-thread long tasks (the Long Tasks API reports every task over 50 ms). */
import type { LongTaskSummary } from './api-types';

export class LongTaskCounter {
  private since = Number.POSITIVE_INFINITY;
  private readonly tasks: { startMs: number; durationMs: number }[] = [];
  readonly supported = PerformanceObserver.supportedEntryTypes.includes('longtask');

  constructor() {
    if (!this.supported) return;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.startTime >= this.since) this.tasks.push({ startMs: Math.round(entry.startTime - this.since), durationMs: Math.round(entry.duration) });
      }
    }).observe({ type: 'longtask', buffered: true });
  }

  start(): void {
    this.since = performance.now();
    this.tasks.length = 0;
  }

  summary(): LongTaskSummary {
    const durations = this.tasks.map((task) => task.durationMs);
    return {
      supported: this.supported,
      count: durations.length,
      maxMs: Math.max(0, ...durations),
      totalMs: durations.reduce((sum, value) => sum + value, 0),
      entries: this.tasks.slice(0, 20),
    };
  }
}
