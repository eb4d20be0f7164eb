/**
 * Notices a worker that went silent. An infinite loop never yields to the
 * message loop and a worker that called close() raises no error event, so
 * neither can be seen from its messages: while requests are pending the
 * watchdog sends a probe at a fixed interval (a live worker answers within
 * milliseconds, whatever else it is doing asynchronously), and reports the
 * worker once nothing at all arrived for `timeoutMs`.
 */
export interface WatchdogOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Asks the worker for any answer (it must reply even while busy with other requests). */
  probe(): void;
  onSilent(silentMs: number): void;
}

export class Watchdog {
  private lastHeard = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: WatchdogOptions) {}

  /** Starts watching (no-op while running); the silence is counted from now. */
  start(): void {
    if (this.timer !== undefined || this.options.timeoutMs <= 0) return;
    this.heard();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  heard(): void {
    this.lastHeard = Date.now();
  }

  private tick(): void {
    const silentMs = Date.now() - this.lastHeard;
    if (silentMs < this.options.timeoutMs) {
      this.options.probe();
      return;
    }
    this.stop();
    this.options.onSilent(silentMs);
  }
}
