import type { AppErrorData } from '../../shared/errors';
import { isCurrent } from '../../store/clip-slice';
import { causeOfTask } from '../../store/error-causes';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import type { EvidenceInput } from './evidence';

function readyInfo(state: AppState, task: 'clip' | 'caption' | 'vqa') {
  const load = state.loads[task];
  return load?.status === 'ready' ? load.info : undefined;
}

/** Why the task has nothing for this image: its model failed to load, or its run failed. */
function failure(state: AppState, task: 'clip' | 'caption' | 'vqa', runError: AppErrorData | undefined): string | undefined {
  const cause = causeOfTask(state, task);
  if (cause) return cause.kind === 'host' ? `the model could not be loaded from ${cause.host}` : `the model could not be loaded: ${cause.error.message}`;
  return runError && runError.code !== 'cancelled' ? runError.message : undefined;
}

function failures(state: AppState, imageId: string | undefined): EvidenceInput['failed'] {
  const caption = imageId ? state.captions[imageId] : undefined;
  const lastQa = imageId ? state.qaHistory[imageId]?.at(-1) : undefined;
  const failed = {
    clip: failure(state, 'clip', state.clipError),
    caption: failure(state, 'caption', caption?.status === 'error' ? caption.error : undefined),
    vqa: failure(state, 'vqa', lastQa?.status === 'error' ? lastQa.error : undefined),
  };
  return Object.fromEntries(Object.entries(failed).filter(([, reason]) => reason !== undefined));
}

/** Evidence for the active image from the store; undefined parts mean "not run yet". */
export function evidenceFor(state: AppState, imageId: string | undefined): EvidenceInput {
  const image = state.images.find((candidate) => candidate.id === imageId);
  const classification = imageId ? state.classifications[imageId] : undefined;
  const current = isCurrent(classification, state.clipLabels, state.clipTemplate) ? classification : undefined;
  const caption = imageId ? state.captions[imageId] : undefined;
  const answered = (imageId ? (state.qaHistory[imageId] ?? []) : []).filter((entry) => entry.result).at(-1);
  const clipModel = readyInfo(state, 'clip');
  const captionModel = readyInfo(state, 'caption');
  const vqaModel = readyInfo(state, 'vqa');
  const itmScores = imageId ? state.itmScores[imageId] : undefined;
  const itmCurrent =
    itmScores && itmScores.template === state.clipTemplate && itmScores.labels.join('\n') === state.clipLabels.join('\n') ? itmScores : undefined;
  return {
    ...(image ? { imageName: image.name } : {}),
    clip: {
      ...(clipModel ? { model: clipModel } : {}),
      ...(current
        ? {
            facts: current.run.facts,
            scores: current.scores,
            totalMs: current.run.timings.totalMs,
            ...(current.run.cache.imagesEncoded > 0 ? { imageMs: current.run.timings.imageMs } : {}),
          }
        : {}),
    },
    caption: {
      ...(captionModel ? { model: captionModel } : {}),
      ...(caption?.result ? { result: caption.result, prompt: caption.prompt } : {}),
    },
    vqa: {
      ...(vqaModel ? { model: vqaModel } : {}),
      ...(answered?.result ? { result: answered.result, question: answered.question } : {}),
    },
    ...(itmCurrent ? { itm: { scores: itmCurrent } } : {}),
    failed: failures(state, imageId),
  };
}

export function useEvidence(): EvidenceInput {
  const state = useAppStore();
  return evidenceFor(state, state.activeImageId);
}
