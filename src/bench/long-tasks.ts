/** Counts main-thread long tasks (the Long Tasks API reports every task over 50 ms). */
export interface LongTaskSummary {
  /** False where the browser has no Long Tasks API: then the count means nothing. */
  supported: boolean;
  count: number;
  maxMs: number;
  totalMs: number;
}

export class LongTaskCounter {
  private since = Number.POSITIVE_INFINITY;
  private readonly durations: number[] = [];
  readonly supported = PerformanceObserver.supportedEntryTypes.includes('longtask');

  constructor() {
    if (!this.supported) return;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= this.since) this.durations.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  }

  start(): void {
    this.since = performance.now();
    this.durations.length = 0;
  }

  summary(): LongTaskSummary {
    return {
      supported: this.supported,
      count: this.durations.length,
      maxMs: Math.max(0, ...this.durations),
      totalMs: this.durations.reduce((sum, value) => sum + value, 0),
    };
  }
}
