// Lint rules, including the import boundaries of DESIGN.md §2:
// shared imports nothing of ours; the worker imports only shared; the UI never
// imports the ML runtimes or worker code; features do not import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

const ML_RUNTIMES = [
  { group: ['onnxruntime-*', 'onnxruntime-web/*'], message: 'Only the worker may import onnxruntime.' },
  { group: ['@huggingface/transformers', '@huggingface/transformers/*'], message: 'Only the worker may import transformers.js.' },
];
const WORKER = { group: ['**/worker', '**/worker/**'], message: 'UI code talks to the worker only through src/lib/worker-client.' };
const UI_LAYERS = ['app', 'features', 'components', 'store', 'lib'].map((layer) => `**/${layer}/**`);
const FEATURES = ['images', 'clip', 'blip', 'compare', 'models'];

function restrict(patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'node_modules', 'test-results', 'playwright-report', 'tools', 'public', 'bench/cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.configs.recommended.rules },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      ...ML_RUNTIMES,
      WORKER,
      { group: UI_LAYERS, message: 'src/shared imports nothing of ours.' },
      { group: ['react', 'react-dom', 'react/*', 'zustand'], message: 'src/shared is pure TypeScript.' },
    ]),
  },
  {
    files: ['src/worker/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: restrict([
      { group: UI_LAYERS, message: 'The worker imports only src/shared.' },
      { group: ['react', 'react-dom', 'react/*', 'zustand'], message: 'The worker never imports React.' },
    ]),
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/main.tsx'],
    ignores: ['src/**/*.test.ts'],
    rules: restrict([...ML_RUNTIMES, WORKER]),
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: restrict([
      ...ML_RUNTIMES,
      WORKER,
      { group: ['**/store/**', '**/lib/**', '**/features/**'], message: 'components/ui are presentational: no store, no worker.' },
    ]),
  },
  // The UI's layers point one way: app/features/components → store → lib → shared.
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: restrict([
      ...ML_RUNTIMES,
      WORKER,
      { group: ['**/app/**', '**/features/**', '**/components/**'], message: 'The store does not depend on the UI; the UI reads the store.' },
    ]),
  },
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    // Client tests run the real dispatcher in-process.
    ignores: ['src/**/*.test.ts'],
    rules: restrict([
      ...ML_RUNTIMES,
      WORKER,
      { group: ['**/store/**', '**/app/**', '**/features/**', '**/components/**'], message: 'src/lib sits below the store: it imports only src/shared.' },
    ]),
  },
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: restrict([
      ...ML_RUNTIMES,
      WORKER,
      {
        group: FEATURES.filter((other) => other !== feature).flatMap((other) => [
          `**/features/${other}`,
          `**/features/${other}/**`,
          `../${other}/**`,
          `../${other}`,
        ]),
        message: 'Features do not import each other; share through the store or src/lib.',
      },
    ]),
  })),
  {
    files: ['e2e/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bench/**/*.{ts,mjs,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    // Playwright fixtures must destructure their (possibly empty) dependencies.
    rules: { 'no-console': 'off', 'no-empty-pattern': 'off' },
  },
);
