import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { CSP_PLACEHOLDER, contentSecurityPolicy } from './scripts/csp';
import { precacheShell, SERVICE_WORKER_FILE } from './scripts/precache-plugin';
import { modelUrls } from './src/shared/model-urls';
import { OFFERED_MODELS } from './src/shared/third-party-models';

/**
 * The one setting for the deployed base path: GitHub Pages serves a project
 * site under /<repository>/, tests use a sub-path to catch absolute URLs.
 */
const basePath = normalizeBase(process.env.BASE_PATH ?? '/');

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function normalizeBase(base: string): string {
  const withLeading = base.startsWith('/') || base.startsWith('.') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

const policy = contentSecurityPolicy();

/**
 * Every page of the build (the app and the bench page) gets the same policy,
 * and so does the COI service worker, which sends it as a header on GitHub Pages.
 */
function cspPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'playground-csp',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml(html) {
      return html.replace(CSP_PLACEHOLDER, policy);
    },
    closeBundle() {
      const serviceWorker = join(outDir, SERVICE_WORKER_FILE);
      if (existsSync(serviceWorker))
        writeFileSync(serviceWorker, readFileSync(serviceWorker, 'utf8').replace(JSON.stringify(CSP_PLACEHOLDER), JSON.stringify(policy)));
    },
  };
}

/** ONNX Runtime's dist folder, for importing its WASM binary as a bundled asset. */
export const ortDistAlias = {
  'onnxruntime-web-dist': fileURLToPath(new URL('./node_modules/onnxruntime-web/dist', import.meta.url)),
};

/**
 * `npm start` (DEMO_MODELS=1) copies the tiny test fixtures into the build as
 * the offline demo; the GitHub Pages build never includes them.
 */
function demoModels(): Plugin {
  const source = fileURLToPath(new URL('./e2e/fixtures/models', import.meta.url));
  let outDir = 'dist';
  return {
    name: 'playground-demo-models',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      if (process.env.DEMO_MODELS !== '1' || !existsSync(source)) return;
      const target = join(outDir, 'demo-models');
      cpSync(source, target, { recursive: true });
      writeFileSync(join(target, 'index.json'), JSON.stringify({ note: 'Tiny random-weight test fixtures.' }));
    },
  };
}

/** `MODEL_URL_LIST=<file>`: the build writes every model file URL it will load, for the deploy's existence check. */
function modelUrlList(): Plugin {
  return {
    name: 'playground-model-url-list',
    apply: 'build',
    closeBundle() {
      const target = process.env.MODEL_URL_LIST;
      if (target) writeFileSync(target, `${JSON.stringify(modelUrls(OFFERED_MODELS), null, 2)}\n`);
    },
  };
}

/** `MODELS_MANIFEST=<file>` builds with another models manifest (tests of published defaults); the deploy instead
 * copies the pipeline's manifest over src/shared/models-manifest.json, which the URL list above also reads. */
const manifestAlias: Record<string, string> = process.env.MODELS_MANIFEST ? { './models-manifest.json': process.env.MODELS_MANIFEST } : {};

export default defineConfig({
  base: basePath,
  resolve: { alias: { ...ortDistAlias, ...manifestAlias } },
  plugins: [react(), tailwindcss(), cspPlugin(), demoModels(), modelUrlList(), precacheShell()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    manifest: true,
    // bench.html, the benchmark's page (bench/README.md), is built only for `npm run bench` (BENCH_PAGE=1):
    // the deployed site and the tests' build ship the app alone.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        ...(process.env.BENCH_PAGE === '1' ? { bench: fileURLToPath(new URL('./bench.html', import.meta.url)) } : {}),
      },
    },
  },
  // The header, unlike the meta tag, also reaches the worker script.
  server: { headers: { ...isolationHeaders, 'Content-Security-Policy': policy } },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': policy } },
});
