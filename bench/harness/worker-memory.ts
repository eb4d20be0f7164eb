/**
 * Memory of the app's inference worker, read over the Chrome DevTools Protocol from outside the page
 * (ORT Web does not expose its WebAssembly heap, and a worker cannot measure itself):
 *
 * - `Runtime.getHeapUsage` on the worker target: V8's JS heap (cheap; sampled after every request);
 * - `HeapProfiler.takeHeapSnapshot` (after a full GC; at checkpoints): the size of the WebAssembly.Memory
 *   that ONNX Runtime runs in (it only grows, so its size is its peak), every other ArrayBuffer
 *   backing store (e.g. model file bytes still referenced from JS) and the compiled WASM code.
 *
 * The worker is the dedicated worker named "inference" (src/lib/inference-worker.ts); ORT's own
 * pthread workers ("em-pthread") share its WebAssembly.Memory and hold little else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface ProcessMemory {
  rssBytes: number;
  /** VmHWM: the process's peak resident set since it started. */
  peakRssBytes: number;
}

export interface HeapUsage {
  jsHeapUsedBytes: number;
  jsHeapTotalBytes: number;
}

export interface MemorySnapshot extends HeapUsage {
  wasmMemoryBytes: number;
  otherArrayBufferBytes: number;
  wasmCodeBytes: number;
  /** JS heap + WASM memory + other ArrayBuffers + WASM code. */
  totalBytes: number;
}

interface CdpReply {
  id?: number;
  method?: string;
  params?: { chunk?: string };
  result?: Record<string, unknown>;
  error?: { message: string };
}

export class WorkerMemory {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: CdpReply): void; reject(error: Error): void }>();
  private chunks: string[] = [];

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
    private readonly profileDir: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as CdpReply;
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') this.chunks.push(message.params?.chunk ?? '');
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message);
    });
  }

  /**
   * Attaches to the page's inference worker (it must be running: send any request first) through a
   * CDP session of the page. `profileDir` is the persistent context's user data dir (finds its renderers).
   */
  static async attach(context: BrowserContext, page: Page, profileDir: string): Promise<WorkerMemory> {
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((target) => target.type === 'worker' && target.title === 'inference');
    if (!worker) throw new Error(`No "inference" worker target: ${targetInfos.map((t) => `${t.type}:${t.title}`).join(', ')}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    return new WorkerMemory(cdp, sessionId, profileDir);
  }

  /**
   * The renderer process with the largest resident set among this browser's (the bench page's, which
   * hosts the worker and ORT's threads; Linux /proc only). Includes the page and Chromium's own overheads.
   */
  renderer(): ProcessMemory | undefined {
    const measured = rendererPids(this.profileDir)
      .map(readProcessMemory)
      .filter((memory): memory is ProcessMemory => memory !== undefined);
    return measured.sort((a, b) => b.rssBytes - a.rssBytes)[0];
  }

  async heapUsage(): Promise<HeapUsage> {
    const reply = await this.send('Runtime.getHeapUsage');
    return { jsHeapUsedBytes: Number(reply.result?.usedSize ?? 0), jsHeapTotalBytes: Number(reply.result?.totalSize ?? 0) };
  }

  async snapshot(): Promise<MemorySnapshot> {
    this.chunks = [];
    await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    const parts = summariseSnapshot(JSON.parse(this.chunks.join('')) as HeapSnapshot);
    this.chunks = [];
    const heap = await this.heapUsage();
    return { ...heap, ...parts, totalBytes: heap.jsHeapUsedBytes + parts.wasmMemoryBytes + parts.otherArrayBufferBytes + parts.wasmCodeBytes };
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<CdpReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Sizes of the WebAssembly.Memory buffers, the other ArrayBuffer backing stores and the WASM code. */
export function summariseSnapshot(snapshot: HeapSnapshot): Pick<MemorySnapshot, 'wasmMemoryBytes' | 'otherArrayBufferBytes' | 'wasmCodeBytes'> {
  const { meta } = snapshot.snapshot;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [nameField, sizeField, countField] = ['name', 'self_size', 'edge_count'].map((field) => meta.node_fields.indexOf(field)) as [
    number,
    number,
    number,
  ];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snapshot;
  const nodeCount = nodes.length / nodeWidth;
  const firstEdge = new Uint32Array(nodeCount);
  for (let node = 0, edge = 0; node < nodeCount; node++) {
    firstEdge[node] = edge;
    edge += (nodes[node * nodeWidth + countField] ?? 0) * edgeWidth;
  }
  const name = (node: number) => strings[nodes[node * nodeWidth + nameField] ?? 0] ?? '';
  const size = (node: number) => nodes[node * nodeWidth + sizeField] ?? 0;
  const outgoing = (node: number) =>
    Array.from({ length: nodes[node * nodeWidth + countField] ?? 0 }, (_, k) => {
      const at = (firstEdge[node] ?? 0) + k * edgeWidth;
      const type = edgeTypes[edges[at] ?? 0] ?? '';
      const label = type === 'element' || type === 'hidden' ? '' : (strings[edges[at + 1] ?? 0] ?? '');
      return { label, to: (edges[at + 2] ?? 0) / nodeWidth };
    });
  const backingStore = (buffer: number) => outgoing(buffer).find((edge) => edge.label === 'backing_store')?.to;

  const wasmStores = new Set<number>();
  let allStores = 0;
  let wasmCode = 0;
  for (let node = 0; node < nodeCount; node++) {
    const label = name(node);
    if (label === 'system / JSArrayBufferData') allStores += size(node);
    else if (label.includes('(WasmNativeModule)')) wasmCode += size(node);
    else if (label === 'Memory' && outgoing(node).some((edge) => edge.label === '__proto__' && name(edge.to) === 'WebAssembly.Memory')) {
      for (const edge of outgoing(node)) {
        if (name(edge.to) !== 'ArrayBuffer' && name(edge.to) !== 'SharedArrayBuffer') continue;
        const store = backingStore(edge.to);
        if (store !== undefined) wasmStores.add(store);
      }
    }
  }
  const wasmMemoryBytes = [...wasmStores].reduce((sum, store) => sum + size(store), 0);
  return { wasmMemoryBytes, otherArrayBufferBytes: allStores - wasmMemoryBytes, wasmCodeBytes: wasmCode };
}

interface ProcessEntry {
  pid: number;
  parent: number;
  cmdline: string;
}

function processes(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(name), parent, cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
      } catch {
        return [];
      }
    });
}

/** Renderer processes descending from the Chromium started with this user data dir. */
function rendererPids(profileDir: string): number[] {
  const all = processes();
  const roots = all
    .filter((entry) => entry.cmdline.includes(`--user-data-dir=${profileDir}`) && !entry.cmdline.includes('--type='))
    .map((entry) => entry.pid);
  const ours = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of all) {
      if (!ours.has(entry.pid) && ours.has(entry.parent)) {
        ours.add(entry.pid);
        grew = true;
      }
    }
  }
  return all.filter((entry) => ours.has(entry.pid) && entry.cmdline.includes('--type=renderer')).map((entry) => entry.pid);
}

export function readProcessMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
  } catch {
    return undefined;
  }
}
