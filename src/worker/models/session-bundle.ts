/** The ONNX sessions of one model, created from fetched files on one backend. */
import { TASK_SESSIONS, onnxPath } from '../../shared/model-registry';
import type { SessionInfo } from '../../shared/protocol';
import type { OrtSession } from '../runtime/ort-env';
import { createSession, type SessionExtras } from '../runtime/session-factory';
import { requireFile, type EngineContext, type LoadedEngine } from './engine';
import { onnxStats } from './onnx-stats';

export interface SessionBundle extends LoadedEngine {
  session(name: string): OrtSession;
}

export async function createSessionBundle(
  context: EngineContext,
  extras: Readonly<Record<string, SessionExtras>> = {},
): Promise<SessionBundle> {
  const sessions = new Map<string, OrtSession>();
  const infos: SessionInfo[] = [];
  try {
    for (const name of TASK_SESSIONS[context.spec.task]) {
      const path = onnxPath(name, context.dtype);
      const file = requireFile(context, path);
      const session = await createSession(context.ort, file.bytes, path, context.backend, extras[name]);
      sessions.set(name, session);
      infos.push({
        name,
        file: path,
        bytes: file.bytes.length,
        parameters: onnxStats(file.bytes).parameters,
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
    sessions: () => infos,
    async dispose() {
      await Promise.all([...sessions.values()].map((session) => session.release().catch(() => undefined)));
      sessions.clear();
    },
  };
}
