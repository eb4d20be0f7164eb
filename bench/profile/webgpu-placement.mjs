#!/usr/bin/env node
/**
 * Which nodes leave the GPU on WebGPU, per dtype (issue 17 §2): creates each tiny fixture graph in
 * headless Chromium with onnxruntime-web's WebGPU backend (SwiftShader is enough: placement is decided
 * by kernel registration, not by the adapter's speed), reads onnxruntime's verbose node-placement log,
 * and splits the CPU-assigned nodes into shape arithmetic (ops onnxruntime keeps on the CPU on purpose:
 * small int64 shape tensors) and compute. Prints a Markdown table.
 *
 *   node bench/profile/webgpu-placement.mjs [fixture model folders…]   (default: the tiny CLIP and BLIP fixtures)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'node_modules/onnxruntime-web/dist');
const FIXTURES = join(ROOT, 'e2e/fixtures/models/fixtures');
const folders = process.argv.slice(2).length
  ? process.argv.slice(2).map((folder) => resolve(folder))
  : ['tiny-clip', 'tiny-blip-caption', 'tiny-blip-vqa'].map((name) => join(FIXTURES, name));
const SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4', q4a8: '_q4a8', q4f16: '_q4f16' };
// Shape arithmetic: ops onnxruntime's WebGPU EP leaves on the CPU when they only move int64 shape data.
const SHAPE_OPS = new Set([
  'Shape',
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Slice',
  'Cast',
  'Reshape',
  'Range',
  'Equal',
  'Where',
  'Expand',
  'ConstantOfShape',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Less',
  'LessOrEqual',
  'Greater',
  'GreaterOrEqual',
  'Not',
  'And',
  'Or',
  'ReduceMax',
  'Min',
  'Max',
  'Size',
  'Identity',
  'Constant',
]);
const QUANT_OPS = new Set([
  'DynamicQuantizeLinear',
  'MatMulInteger',
  'ConvInteger',
  'QuantizeLinear',
  'DequantizeLinear',
  'MatMulNBits',
  'GatherBlockQuantized',
]);

const HTML = `<!doctype html><script type="module">
import * as ort from './ort.webgpu.min.mjs';
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'verbose';
window.place = async (url) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'], logSeverityLevel: 0, logVerbosityLevel: 0 });
  await session.release();
};
window.ready = true;
</script>`;

function graphFiles(folder) {
  const onnx = join(folder, 'onnx');
  if (!existsSync(onnx)) return [];
  const names = readdirSync(onnx).filter((name) => name.endsWith('.onnx'));
  const bases = names.filter((name) => !Object.values(SUFFIX).some((suffix) => suffix && name.endsWith(`${suffix}.onnx`)));
  return bases.flatMap((base) =>
    Object.entries(SUFFIX)
      .map(([dtype, suffix]) => ({ dtype, name: base.replace(/\.onnx$/, `${suffix}.onnx`) }))
      .filter(({ name }) => names.includes(name))
      .map(({ dtype, name }) => ({ dtype, graph: base.replace(/\.onnx$/, ''), path: join(onnx, name), model: folder.split('/').pop() })),
  );
}

/** Parses "Node placements" blocks: " Node(s) placed on [CPUExecutionProvider]. Number of nodes: N" then "  OpType (name)". */
function cpuNodes(lines) {
  const nodes = [];
  let onCpu = false;
  for (const line of lines) {
    const header = /Node\(s\) placed on \[(\w+)\]/.exec(line);
    if (header) {
      onCpu = header[1] === 'CPUExecutionProvider';
      continue;
    }
    const node = /^\s+(\w+) \(([^)]*)\)\s*$/.exec(line.replace(/^.*?\]\s?/, ' '));
    if (onCpu && node) nodes.push({ op: node[1], name: node[2] });
    else if (!/^\s/.test(line.replace(/^.*?\]\s?/, ' '))) onCpu = false;
  }
  return nodes;
}

// e2e/support/chromium-args.ts's SwiftShader launch; plain Node cannot import that TypeScript file.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
try {
  const page = await browser.newPage();
  // localhost is a secure context, which WebGPU needs; nothing listens there, every request is routed.
  await page.route('http://localhost:9/**', async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: HTML });
    if (path.startsWith('/model/')) return route.fulfill({ body: readFileSync(path.slice('/model'.length)) });
    const file = join(DIST, path.slice(1));
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return existsSync(file) ? route.fulfill({ contentType: type, body: readFileSync(file) }) : route.fulfill({ status: 404 });
  });
  let log = [];
  page.on('console', (message) => log.push(message.text()));
  await page.goto('http://localhost:9/');
  await page.waitForFunction(() => globalThis.ready === true);
  const adapter = await page.evaluate(async () => {
    const found = await navigator.gpu?.requestAdapter();
    // shader-f16 decides whether the app offers fp16/q4f16 (src/shared/dtype-defaults.ts).
    return found
      ? `${found.info?.vendor ?? ''} ${found.info?.architecture ?? ''}, shader-f16: ${found.features.has('shader-f16') ? 'yes' : 'no'}`.trim()
      : 'none';
  });
  console.log(`WebGPU adapter: ${adapter}; onnxruntime-web ${JSON.parse(readFileSync(join(DIST, '../package.json'), 'utf8')).version}`);
  console.log('| model | graph | dtype | nodes on CPU | shape arithmetic | compute (quantization ops) | compute ops |');
  console.log('|---|---|---|---|---|---|---|');
  for (const folder of folders) {
    for (const { model, graph, dtype, path } of graphFiles(folder)) {
      log = [];
      const failed = await page.evaluate(
        (url) =>
          globalThis.place(url).then(
            () => undefined,
            (error) => String(error),
          ),
        `http://localhost:9/model${path}`,
      );
      if (failed) {
        console.log(`| ${model} | ${graph} | ${dtype} | session failed: ${failed.slice(0, 80)} | | | |`);
        continue;
      }
      const nodes = cpuNodes(log.flatMap((entry) => entry.split('\n')));
      const shape = nodes.filter((node) => SHAPE_OPS.has(node.op));
      const compute = nodes.filter((node) => !SHAPE_OPS.has(node.op));
      const quant = compute.filter((node) => QUANT_OPS.has(node.op));
      const ops = [...new Set(compute.map((node) => node.op))].join(', ') || '—';
      console.log(`| ${model} | ${graph} | ${dtype} | ${nodes.length} | ${shape.length} | ${compute.length} (${quant.length}) | ${ops} |`);
    }
  }
} finally {
  await browser.close();
}
