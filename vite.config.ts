import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * The one setting for the deployed base path: GitHub Pages serves a project
 * site under /<repository>/, tests use a sub-path to catch absolute URLs.
 */
const basePath = normalizeBase(process.env.BASE_PATH ?? '/');

/** Hosts the Content-Security-Policy lets the app download models from. */
const modelHosts = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  // Local mirrors and the test fake hub.
  'http://localhost:*',
  'http://127.0.0.1:*',
  ...(process.env.EXTRA_CONNECT_SRC ?? '').split(/\s+/).filter(Boolean),
];

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function normalizeBase(base: string): string {
  const withLeading = base.startsWith('/') || base.startsWith('.') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'playground-csp',
    transformIndexHtml(html) {
      return html.replace('%MODEL_HOSTS%', modelHosts.join(' '));
    },
  };
}

export default defineConfig({
  base: basePath,
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    manifest: true,
  },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});
