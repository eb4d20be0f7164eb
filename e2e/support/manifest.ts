/** Models-manifest entries (as tools/pipeline writes them) for the fixture folders, for tests of published defaults. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ManifestEntry } from '../../src/shared/default-models';
import type { ModelTask } from '../../src/shared/model-registry';
import { FIXTURE_MODELS } from './test';

export const FIXTURE_REPOS: Record<ModelTask, string> = {
  clip: 'fixtures/tiny-clip',
  caption: 'fixtures/tiny-blip-caption',
  vqa: 'fixtures/tiny-blip-vqa',
  itm: 'fixtures/tiny-blip-itm',
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Every file of the fixture folder with its size and sha256; `host` for a folder deployed beside the site. */
export function fixtureEntry(task: ModelTask, host?: ManifestEntry['host']): ManifestEntry {
  const folder = join(FIXTURE_MODELS, FIXTURE_REPOS[task]);
  const files = listFiles(folder).map((path) => ({
    path: relative(folder, path),
    size: statSync(path).size,
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  }));
  return {
    task,
    repo: FIXTURE_REPOS[task],
    revision: '0123456789abcdef0123456789abcdef01234567',
    ...(host ? { host } : {}),
    source: { repo: `checkpoint/${task}`, revision: 'fedcba9876543210fedcba9876543210fedcba98' },
    license: 'Apache-2.0',
    dtypes: ['fp32', 'q8'],
    files,
  };
}
