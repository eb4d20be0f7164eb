import { isCurrent } from '../../store/clip-slice';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import type { EvidenceInput } from './evidence';

function readyInfo(state: AppState, task: 'clip' | 'caption' | 'vqa') {
  const load = state.loads[task];
  return load?.status === 'ready' ? load.info : undefined;
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
  };
}

export function useEvidence(): EvidenceInput {
  const state = useAppStore();
  return evidenceFor(state, state.activeImageId);
}
