/**
 * Reordering KV-cache rows for beam search. WASM: a plain copy on the CPU. WebGPU: the Gather graph of
 * gather-model.ts, run on the GPU so the cache never leaves it; if that session cannot be created,
 * rows are downloaded, reordered on the CPU and uploaded again with the next step's inputs.
 */
import { runExclusive } from '../../runtime/exclusive';
import type { Backend } from '../../../shared/protocol';
import type { Ort, OrtSession, OrtTensor } from '../../runtime/ort-env';
import { createSession } from '../../runtime/session-factory';
import { buildGatherModel, gatherInputName, gatherOutputName, type GatherElement } from './gather-model';
import type { RowGatherer } from './kv-cache';
import type { TensorCtor } from './tensors';

type TypedArray = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;

export function cpuGatherer(Tensor: TensorCtor): RowGatherer<OrtTensor> {
  return {
    gather: (tensors, indices) => Promise.all(tensors.map((tensor) => gatherOnCpu(Tensor, tensor, indices))),
  };
}

async function gatherOnCpu(Tensor: TensorCtor, tensor: OrtTensor, indices: readonly number[]): Promise<OrtTensor> {
  const data = (tensor.location === 'cpu' ? tensor.data : await tensor.getData()) as TypedArray;
  const rows = tensor.dims[0] ?? 0;
  const rowSize = rows === 0 ? 0 : data.length / rows;
  const Typed = data.constructor as new (length: number) => TypedArray;
  const out = new Typed(indices.length * rowSize);
  indices.forEach((source, row) => {
    if (source < 0 || source >= rows) throw new RangeError(`Beam reorder index ${source} is outside 0..${rows - 1}.`);
    (out as Float32Array).set((data as Float32Array).subarray(source * rowSize, (source + 1) * rowSize), row * rowSize);
  });
  const dims = [indices.length, ...tensor.dims.slice(1)];
  return new Tensor(tensor.type as 'float32', out as Float32Array, dims);
}

export interface DeviceGatherer extends RowGatherer<OrtTensor> {
  release(): Promise<void>;
}

/**
 * Gathers with the Gather graph on `backend` (WebGPU in the app; WASM runs the same graph in tests).
 * One session per (tensor count, element type), created on first use and kept for the engine's life;
 * tensors that are not where that backend keeps them, or a session that cannot be created, take the
 * CPU path.
 */
export function graphGatherer(ort: Ort, backend: Backend): DeviceGatherer {
  const sessions = new Map<string, Promise<OrtSession | null>>();
  const cpu = cpuGatherer(ort.Tensor);
  const sessionFor = (count: number, element: GatherElement): Promise<OrtSession | null> => {
    const key = `${count}:${element}`;
    let session = sessions.get(key);
    if (!session) {
      const outputs = Array.from({ length: count }, (_, i) => gatherOutputName(i));
      session = createSession(ort, buildGatherModel(count, element), `kv-reorder-${key}`, backend, { gpuOutputs: outputs }).catch(() => null);
      sessions.set(key, session);
    }
    return session;
  };
  return {
    async gather(tensors, indices) {
      const element = tensors[0]?.type;
      const location = backend === 'webgpu' ? 'gpu-buffer' : 'cpu';
      const onDevice = tensors.every((tensor) => tensor.location === location);
      const session = onDevice && (element === 'float32' || element === 'float16') ? await sessionFor(tensors.length, element) : null;
      if (!session) return cpu.gather(tensors, indices);
      const feeds: Record<string, OrtTensor> = {
        indices: new ort.Tensor(
          'int64',
          BigInt64Array.from(indices, (index) => BigInt(index)),
          [indices.length],
        ),
      };
      tensors.forEach((tensor, i) => (feeds[gatherInputName(i)] = tensor));
      const outputs = await runExclusive(() => session.run(feeds));
      return tensors.map((_, i) => outputs[gatherOutputName(i)] as OrtTensor);
    },
    async release() {
      const created = await Promise.all(sessions.values());
      sessions.clear();
      await Promise.all(created.map((session) => session?.release().catch(() => undefined)));
    },
  };
}
