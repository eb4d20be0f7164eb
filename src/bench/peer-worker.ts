/**
 * The transformers.js peer's worker (issue 17 §6): a message loop only. The runtime (ORT and
 * transformers.js, peer-runtime.ts) is imported lazily: ORT starts its thread workers from the
 * module that holds it, and they must not run this loop.
 */
import type { PeerCall, PeerReply } from './peer-types';

const runtime = () => import('./peer-runtime');

self.onmessage = async (event: MessageEvent<PeerCall>) => {
  const { id, method, args } = event.data;
  let reply: PeerReply;
  try {
    const { methods } = await runtime();
    reply = { id, result: await (methods[method] as (...input: unknown[]) => Promise<unknown>)(...args) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  self.postMessage(reply);
};
