/**
 * One place for what every decoding loop does around a model call: abort checks, timing, shape
 * checks, and a private copy of the logits (processors edit scores in place, and a runtime may reuse
 * its output buffer).
 */
import type { StepModel } from './types';

export class Stepper {
  readonly forwardMs: number[] = [];

  constructor(
    private readonly model: StepModel,
    private readonly signal: AbortSignal | undefined,
  ) {}

  get vocabSize(): number {
    return this.model.vocabSize;
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  get steps(): number {
    return this.forwardMs.length;
  }

  /** Logits [rows × vocab], or null when the signal fired before or during the call. */
  async forward(tokens: number[][]): Promise<Float32Array | null> {
    if (this.aborted) return null;
    const start = performance.now();
    const logits = await this.model.forward(tokens);
    this.forwardMs.push(performance.now() - start);
    if (this.aborted) return null;
    const expected = tokens.length * this.model.vocabSize;
    if (logits.length !== expected) {
      const shape = `${tokens.length} rows × ${this.model.vocabSize}`;
      throw new Error(`StepModel.forward returned ${logits.length} logits, expected ${shape}`);
    }
    return logits.slice();
  }

  async reorder(indices: number[]): Promise<void> {
    if (indices.every((source, row) => source === row)) return;
    await this.model.reorder(indices);
  }

  lastForwardMs(): number {
    return this.forwardMs[this.forwardMs.length - 1] ?? 0;
  }
}
