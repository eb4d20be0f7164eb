/**
 * Folds per-file byte counts into progress events: at most one every
 * `intervalMs` (plus the final one), and never going backwards, even when a
 * retry restarts a file from zero.
 */
import type { FileProgress, ProgressData } from '../../shared/protocol';

export class ProgressTracker {
  private readonly files = new Map<string, FileProgress>();
  private lastEmit = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly phase: string,
    files: readonly { path: string; total: number }[],
    private readonly emit: (progress: ProgressData) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => Date.now(),
  ) {
    for (const file of files) this.files.set(file.path, { file: file.path, loaded: 0, total: file.total, done: false });
  }

  update(path: string, loaded: number, total: number): void {
    const entry = this.files.get(path);
    if (!entry || entry.done) return;
    entry.total = Math.max(entry.total, total);
    entry.loaded = Math.max(entry.loaded, Math.min(loaded, entry.total || loaded));
    this.maybeEmit(false);
  }

  complete(path: string, size: number): void {
    const entry = this.files.get(path);
    if (!entry) return;
    entry.total = size;
    entry.loaded = size;
    entry.done = true;
    this.maybeEmit(false);
  }

  flush(): void {
    this.maybeEmit(true);
  }

  snapshot(): ProgressData {
    const files = [...this.files.values()].map((file) => ({ ...file }));
    const loaded = files.reduce((sum, file) => sum + file.loaded, 0);
    const total = files.reduce((sum, file) => sum + Math.max(file.total, file.loaded), 0);
    return { phase: this.phase, files, overall: { loaded, total } };
  }

  private maybeEmit(force: boolean): void {
    const time = this.now();
    if (!force && time - this.lastEmit < this.intervalMs) return;
    this.lastEmit = time;
    this.emit(this.snapshot());
  }
}
