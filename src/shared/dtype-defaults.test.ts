import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultModels } from './default-models';
import { defaultDtypeFor, MEASURED_DEFAULTS, PUBLISHED_DTYPES, runnableDtypes } from './dtype-defaults';
import { DTYPE_SUFFIX, type Dtype, type ModelSpec } from './model-registry';

const published: Pick<ModelSpec, 'dtypes' | 'defaultDtype' | 'webgpuDtypes'> = {
  dtypes: ['q8', 'fp16', 'fp32'],
  defaultDtype: 'q8',
  webgpuDtypes: ['fp16', 'fp32'],
};

describe('default dtype per backend', () => {
  it('WASM takes the spec default whatever the adapter has', () => {
    expect(defaultDtypeFor(published, { backend: 'wasm', shaderF16: false })).toBe('q8');
    expect(defaultDtypeFor(published, { backend: 'wasm', shaderF16: true })).toBe('q8');
  });

  it('WebGPU takes half precision only with shader-f16, else the next preference', () => {
    expect(defaultDtypeFor(published, { backend: 'webgpu', shaderF16: true })).toBe('fp16');
    expect(defaultDtypeFor(published, { backend: 'webgpu', shaderF16: false })).toBe('fp32');
  });

  it('falls back to the WASM default when no WebGPU preference is there, and never to a half-precision graph without shader-f16', () => {
    expect(defaultDtypeFor({ dtypes: ['fp32', 'q8'], defaultDtype: 'q8' }, { backend: 'webgpu', shaderF16: true })).toBe('q8');
    expect(defaultDtypeFor({ dtypes: ['q8'], defaultDtype: 'q8', webgpuDtypes: ['q4f16'] }, { backend: 'webgpu', shaderF16: true })).toBe('q8');
    expect(defaultDtypeFor({ dtypes: ['q4f16', 'q4'], defaultDtype: 'q4f16' }, { backend: 'wasm', shaderF16: false })).toBe('q4');
    expect(runnableDtypes({ dtypes: ['fp32', 'fp16', 'q4f16', 'q4'] }, false)).toEqual(['fp32', 'q4']);
  });

  it('published models carry the measured choice, limited to the dtypes the manifest lists', () => {
    const entry = {
      task: 'clip' as const,
      repo: 'a/b',
      revision: 'c'.repeat(40),
      source: { repo: 'x/y', revision: 'd'.repeat(40) },
      license: 'MIT',
      files: [],
    };
    const [full] = defaultModels({ schema: 1, models: [{ ...entry, dtypes: [...PUBLISHED_DTYPES] }] }, ['clip']);
    expect(full).toMatchObject({ defaultDtype: MEASURED_DEFAULTS.wasm, webgpuDtypes: MEASURED_DEFAULTS.webgpu });
    const [q8Only] = defaultModels({ schema: 1, models: [{ ...entry, dtypes: ['q8'] as Dtype[] }] }, ['clip']);
    expect(q8Only).toMatchObject({ defaultDtype: 'q8', webgpuDtypes: [] });
    expect(defaultDtypeFor(q8Only!, { backend: 'webgpu', shaderF16: true })).toBe('q8');
  });
});

describe('files and pipeline agree with the choice', () => {
  it('the models pipeline publishes exactly the dtypes the defaults need (models.yml MODEL_DTYPES)', () => {
    const workflow = readFileSync(new URL('../../.github/workflows/models.yml', import.meta.url), 'utf8');
    const listed = /^\s*MODEL_DTYPES:\s*"?([\w,]+)"?\s*$/m.exec(workflow)?.[1]?.split(',');
    expect(listed).toEqual([...PUBLISHED_DTYPES]);
    // Beside the site (GitHub Pages, 1 GB) only the WASM default is published: WebGPU then falls back to it.
    const besideSite = /^\s*MODEL_DTYPES_BESIDE_SITE:\s*"?([\w,]+)"?\s*$/m.exec(workflow)?.[1]?.split(',');
    expect(besideSite).toEqual([MEASURED_DEFAULTS.wasm]);
  });

  it('file suffixes are the ones transformers.js loads (its DEFAULT_DTYPE_SUFFIX_MAPPING), q4a8 being ours', () => {
    const source = readFileSync(new URL('../../node_modules/@huggingface/transformers/src/utils/dtypes.js', import.meta.url), 'utf8');
    const block = /DEFAULT_DTYPE_SUFFIX_MAPPING = Object\.freeze\(\{([^}]*)\}/.exec(source)?.[1] ?? '';
    const theirs = Object.fromEntries([...block.matchAll(/DATA_TYPES\.(\w+)\]:\s*'([^']*)'/g)].map((match) => [match[1], match[2]]));
    for (const [dtype, suffix] of Object.entries(DTYPE_SUFFIX)) {
      if (dtype === 'q4a8') expect(theirs).not.toHaveProperty('q4a8');
      else expect([dtype, theirs[dtype]]).toEqual([dtype, suffix]);
    }
  });
});
