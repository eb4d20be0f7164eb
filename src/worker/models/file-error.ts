/**
 * A model file its consumer rejected (a config that does not parse or fails
 * validation, a graph ONNX Runtime will not load). Naming the file lets the
 * model manager evict that one cached copy and fetch it once more, and lets
 * the final message say which file is bad.
 */
import { AppError } from '../../shared/errors';
import type { ModelRef } from '../../shared/protocol';
import { SessionCreateError } from '../runtime/session-factory';

export class BadFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'BadFileError';
  }
}

/** The file a load failure blames, if it blames one. */
export function blamedFile(error: unknown): string | undefined {
  return error instanceof SessionCreateError || error instanceof BadFileError ? error.path : undefined;
}

/** The message when a file fails its consumer even freshly downloaded: which file, why, and what to do. */
export function unusableFile(ref: ModelRef, error: SessionCreateError | BadFileError): AppError {
  const what =
    error instanceof SessionCreateError
      ? `${error.path} of ${ref.spec.displayName} could not be loaded by ONNX Runtime (${error.backend}).`
      : `${error.path} of ${ref.spec.displayName} cannot be used: ${error.reason}.`;
  return new AppError({
    code: 'model-load-failed',
    message: what,
    action:
      'Check that the repository, dtype and host are right; the file may be damaged or in an unsupported format. Deleting this model’s stored files makes the next load fetch everything again.',
    detail: error instanceof SessionCreateError ? describeCause(error.cause) : `${error.path}: ${error.reason}`,
  });
}

export function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
