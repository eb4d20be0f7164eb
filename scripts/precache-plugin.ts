/**
 * The offline shell's precache list (issue 13, failure 8). After the build it
 * lists every file the app needs to start (HTML, scripts, styles, ORT's WASM,
 * icons, samples) and writes that list, with a version derived from the
 * files' contents, into the service worker script. A new build therefore
 * changes the worker's bytes, which is how the browser notices an update.
 * The demo models are not part of the shell: the app's model cache stores them
 * when they are used, like any other model.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export const SERVICE_WORKER_FILE = 'coi-sw.js';

/** Not app files: models, Vite's build manifest, the service worker itself. */
const EXCLUDED = [/^demo-models\//, /^\.vite\//, new RegExp(`^${SERVICE_WORKER_FILE.replace('.', '\\.')}$`), /\.md$/];

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, root) : [relative(root, path).split(sep).join('/')];
  });
}

export interface PrecacheList {
  version: string;
  files: string[];
}

export function precacheList(outDir: string): PrecacheList {
  const files = listFiles(outDir)
    .filter((file) => !EXCLUDED.some((pattern) => pattern.test(file)))
    .sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(outDir, file)))
      .update('\0');
  return { version: hash.digest('hex').slice(0, 16), files };
}

export function precacheShell(): Plugin {
  let outDir = 'dist';
  return {
    name: 'playground-precache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // After the other plugins' closeBundle (the demo models are copied there, and excluded anyway).
      order: 'post',
      handler() {
        const worker = join(outDir, SERVICE_WORKER_FILE);
        if (!existsSync(worker)) return;
        const list = precacheList(outDir);
        const source = readFileSync(worker, 'utf8');
        writeFileSync(worker, `self.__PRECACHE__ = ${JSON.stringify(list)};\n${source}`);
      },
    },
  };
}
