/** The ONNX sessions of one model, created from fetched files on one backend. */
import { sessionFiles } from '../../shared/model-registry';
import type { SessionInfo } from '../../shared/protocol';
import type { OrtSession } from '../runtime/ort-env';
import { createSession, type SessionExtras } from '../runtime/session-factory';
import { requireFile, type EngineContext, type LoadedEngine } from './engine';
import { onnxStats } from './onnx-stats';

export interface SessionBundle extends LoadedEngine {
  session(name: string): OrtSession;
  /** Whether the session's graph quantizes activations per tensor at run time (see onnx-stats). */
  dynamicallyQuantized(name: string): boolean;
}

export async function createSessionBundle(context: EngineContext, extras: Readonly<Record<string, SessionExtras>> = {}): Promise<SessionBundle> {
  const sessions = new Map<string, OrtSession>();
  const infos: SessionInfo[] = [];
  const dynamic = new Set<string>();
  try {
    for (const { session: name, path, externalData } of sessionFiles(context.spec, context.dtype)) {
      const file = requireFile(context, path);
      const session = await createSession(context.ort, file.bytes, path, context.backend, {
        ...extras[name],
        ...(externalData.length ? { externalData: externalData.map((data) => externalDataFile(context, path, data)) } : {}),
      });
      sessions.set(name, session);
      const stats = onnxStats(file.bytes);
      if (stats.dynamicQuantization) dynamic.add(name);
      infos.push({
        name,
        file: path,
        bytes: file.bytes.length,
        parameters: stats.parameters,
        inputNames: [...session.inputNames],
        outputNames: [...session.outputNames],
      });
    }
  } catch (error) {
    await Promise.all([...sessions.values()].map((session) => session.release().catch(() => undefined)));
    throw error;
  }
  return {
    session(name) {
      const session = sessions.get(name);
      if (!session) throw new Error(`No ${name} session in ${context.spec.displayName}.`);
      return session;
    },
    dynamicallyQuantized: (name) => dynamic.has(name),
    sessions: () => infos,
    async dispose() {
      await Promise.all([...sessions.values()].map((session) => session.release().catch(() => undefined)));
      sessions.clear();
    },
  };
}

/** ORT resolves an external data location against the model file's folder, so that is the path it gets. */
function externalDataFile(context: EngineContext, modelPath: string, dataPath: string): { path: string; data: Uint8Array } {
  const folder = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/') + 1) : '';
  const path = folder && dataPath.startsWith(folder) ? dataPath.slice(folder.length) : dataPath;
  return { path, data: requireFile(context, dataPath).bytes };
}
