#!/usr/bin/env node
/**
 * The deploy's existence check: HEAD every model file URL the build listed
 * (MODEL_URL_LIST=<file> npm run build) and fail with the list of what is
 * missing. Relative URLs name folders deployed beside the site and are looked
 * up in the built site folder instead.
 *
 *   node scripts/check-model-urls.mjs <model-urls.json> [--site-root dist]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ATTEMPTS = 3;
const CONCURRENCY = 8;

/** One file: present, or why not. Network errors and 5xx are retried; 401/404 are answers. */
async function probe(entry, siteRoot, fetchImpl) {
  if (!/^https?:\/\//i.test(entry.url)) {
    const path = join(siteRoot, entry.url);
    return existsSync(path) && statSync(path).isFile() ? { ok: true } : { ok: false, reason: `not in ${siteRoot}` };
  }
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetchImpl(entry.url, { method: 'HEAD', redirect: 'follow' });
      if (response.ok) return { ok: true };
      last = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      last = `network error: ${error instanceof Error ? error.message : String(error)}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
  return { ok: false, reason: last };
}

/** Resolves to the missing entries (empty when every file exists). */
export async function checkModelUrls(entries, { siteRoot = 'dist', fetchImpl = fetch } = {}) {
  const missing = [];
  let next = 0;
  async function worker() {
    while (next < entries.length) {
      const entry = entries[next++];
      const result = await probe(entry, siteRoot, fetchImpl);
      if (!result.ok) missing.push({ ...entry, reason: result.reason });
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
  return missing.sort((a, b) => a.url.localeCompare(b.url));
}

export function describeMissing(missing) {
  return missing.map((entry) => `  ${entry.modelId}: ${entry.file} (${entry.reason}) ${entry.url}`).join('\n');
}

async function main(argv) {
  const listPath = argv.find((arg) => !arg.startsWith('--'));
  const rootFlag = argv.indexOf('--site-root');
  const siteRoot = rootFlag >= 0 ? argv[rootFlag + 1] : 'dist';
  if (!listPath) {
    console.error('usage: node scripts/check-model-urls.mjs <model-urls.json> [--site-root dist]');
    return 2;
  }
  const entries = JSON.parse(readFileSync(listPath, 'utf8'));
  const missing = await checkModelUrls(entries, { siteRoot });
  if (missing.length > 0) {
    console.error(`${missing.length} of ${entries.length} model files are missing:\n${describeMissing(missing)}`);
    return 1;
  }
  process.stdout.write(`All ${entries.length} model files exist.\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
