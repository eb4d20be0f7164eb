/**
 * Every file URL the app can load for the models it offers before the user adds
 * any (published defaults and third-party choices, every dtype). The build writes
 * this list; the deploy HEADs each URL (scripts/check-model-urls.mjs) so that a
 * default that does not exist at its pinned revision fails the deploy, not the user.
 */
import { modelFiles, type ModelSpec } from './model-registry';
import { DEFAULT_SOURCE, fileUrl, type ModelSource } from './model-source';

export interface ModelUrl {
  modelId: string;
  file: string;
  /** Absolute, or relative to the site root for folders deployed beside the site. */
  url: string;
}

export function modelUrls(specs: readonly ModelSpec[], hub: ModelSource = DEFAULT_SOURCE): ModelUrl[] {
  return specs
    .filter((spec) => spec.repo.trim() !== '' && !spec.demo && !spec.custom)
    .flatMap((spec) => {
      const source = spec.fixedSource ?? hub;
      return filesOf(spec).map((file) => ({ modelId: spec.id, file, url: fileUrl(source, spec.repo, spec.revision, file) }));
    });
}

/** A published model's manifest lists its files exactly; for others the registry's layout, per offered dtype. */
function filesOf(spec: ModelSpec): string[] {
  if (spec.published) return spec.published.files.map((file) => file.path);
  // Files a third-party layout may lack (the engine has a fallback) must not fail the deploy.
  const optional = new Set(spec.layout?.optional ?? []);
  const paths = spec.dtypes.flatMap((dtype) => modelFiles(spec, dtype).map((file) => file.path));
  return [...new Set(paths)].filter((path) => !optional.has(path));
}
