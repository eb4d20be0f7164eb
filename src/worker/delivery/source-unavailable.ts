/**
 * A host that answers 401 or 404 is not having a bad moment: the repository or file is not there
 * (the Hub answers 401 for a repository that does not exist, was removed or is private, and 404 for
 * a file a repository lacks). Retrying cannot help and the user's connection is fine, so these
 * become one error code, `source-unavailable`, that names the model, host and file; the UI offers
 * the registry's other sources for the task next to it.
 */
import { AppError } from '../../shared/errors';
import { describeHost } from '../../shared/model-source';

export const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([401, 404, 410]);

/** Which model a file belongs to, for messages. */
export interface SourceLabel {
  model: string;
  repo: string;
}

export interface MissingFile {
  path: string;
  url: string;
  /** The HTTP status that said so, when a request said it (a listing may say it without one). */
  status?: number;
}

const NOT_CONNECTION = 'This is not a connection problem, and retrying will not help.';

function statusText(status: number | undefined): string {
  return status === undefined ? 'not listed' : `HTTP ${status}`;
}

function reason(status: number | undefined): string {
  return status === 401 ? 'the repository does not exist, was removed, or is private' : 'the repository or file does not exist at this revision';
}

/** One file answered 401/404 while downloading. */
export function fileUnavailable(file: MissingFile, label?: SourceLabel): AppError {
  const host = describeHost(file.url);
  const where = label ? ` in ${label.repo}` : '';
  const message =
    file.status === 401
      ? `${host} answered HTTP 401 for ${file.path}${where}: ${reason(401)}.`
      : `${file.path} was not found on ${host} (${statusText(file.status)})${where}.`;
  return new AppError({
    code: 'source-unavailable',
    message: label ? `${label.model} is unavailable: ${message}` : message,
    action: `${NOT_CONNECTION} Use another source for this model, or check the repository, revision and precision in Settings.`,
    detail: file.url,
  });
}

/**
 * Files the host said it does not have, before any download. All of them missing means the repository
 * itself is unavailable; some of them, that this precision (or a file of this layout) is.
 */
export function filesUnavailable(missing: readonly MissingFile[], total: number, label: SourceLabel & { revision: string; dtype: string }): AppError {
  const first = missing[0];
  if (!first) throw new Error('filesUnavailable needs at least one missing file');
  const host = describeHost(first.url);
  const detail = missing.map((file) => `${statusText(file.status)} ${file.url}`).join('\n');
  if (missing.length === total) {
    return new AppError({
      code: 'source-unavailable',
      message:
        `${label.model} is unavailable: the repository ${label.repo} (revision ${label.revision}) is not available on ${host} ` +
        `(${statusText(first.status)} for ${first.path} and every other file; ${reason(first.status)}).`,
      action: `${NOT_CONNECTION} Use another source for this model, or enter another repository in Settings.`,
      detail,
    });
  }
  const names = missing.map((file) => file.path).join(', ');
  return new AppError({
    code: 'source-unavailable',
    message: `${label.model} (${label.dtype}) is incomplete on ${host}: ${names} ${missing.length === 1 ? 'does' : 'do'} not exist in ${label.repo}.`,
    action: `${NOT_CONNECTION} Pick another precision or another source for this model, or check the repository and revision in Settings.`,
    detail,
  });
}
