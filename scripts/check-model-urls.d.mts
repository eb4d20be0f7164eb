import type { ModelUrl } from '../src/shared/model-urls';

export interface MissingModelUrl extends ModelUrl {
  reason: string;
}

export function checkModelUrls(entries: readonly ModelUrl[], options?: { siteRoot?: string; fetchImpl?: typeof fetch }): Promise<MissingModelUrl[]>;

export function describeMissing(missing: readonly MissingModelUrl[]): string;
