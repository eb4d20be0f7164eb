/**
 * What the loaded models and the last run on the active image show, for each
 * row of the report's table. Pure: the same function feeds the screen and the
 * Markdown/JSON exports, so they cannot disagree. Nothing here is typed in by
 * hand: every value comes from a model file, a config or a run.
 */
import { generatedTokens, tokensPerSecond } from '../../lib/blip-metrics';
import { formatBytes, formatMs } from '../../shared/format';
import type { BlipResult, ClipFacts, ClipLabelScore, LoadedModelInfo } from '../../shared/protocol';
import { itmCells, type ItmEvidence } from './itm-evidence';
import type { RowKey } from './report-table';

export interface ClipEvidence {
  model?: LoadedModelInfo;
  facts?: ClipFacts;
  scores?: ClipLabelScore[];
  /** Timing of the run that scored this image; imageMs only when it encoded images (not from cache). */
  imageMs?: number;
  totalMs?: number;
}

export interface BlipEvidence {
  model?: LoadedModelInfo;
  result?: BlipResult;
  prompt?: string;
}

export interface VqaEvidence {
  model?: LoadedModelInfo;
  result?: BlipResult;
  question?: string;
}

export interface EvidenceInput {
  imageName?: string;
  clip: ClipEvidence;
  caption: BlipEvidence;
  vqa: VqaEvidence;
  /** BLIP retrieval on the same labels (issue 15); absent until it ran. */
  itm?: ItmEvidence;
  /** Why a task has no result on this image, when it failed: an empty cell says so rather than "not run". */
  failed?: Partial<Record<'clip' | 'caption' | 'vqa', string>>;
}

export interface MeasuredRow {
  label: string;
  clip: string;
  blip: string;
}

const NOT_YET = 'not run yet on this image';

function notYet(reason: string | undefined): string {
  return reason ? `failed: ${reason}` : NOT_YET;
}

export function parameterCount(model: LoadedModelInfo | undefined): number | undefined {
  return model ? model.sessions.reduce((sum, session) => sum + session.parameters, 0) : undefined;
}

function millions(count: number | undefined): string {
  return count === undefined ? '—' : `${(count / 1e6).toFixed(count < 1e6 ? 3 : 1)} M`;
}

function topScores(scores: ClipLabelScore[] | undefined, count = 3): ClipLabelScore[] {
  return [...(scores ?? [])].sort((a, b) => b.probability - a.probability).slice(0, count);
}

export function liveCells(input: EvidenceInput): Record<RowKey, string> {
  const { clip, caption, vqa } = input;
  const blipFacts = caption.result?.facts ?? vqa.result?.facts;
  const top = topScores(clip.scores);
  const clipMissing = notYet(input.failed?.clip);
  const blipMissing = notYet(input.failed?.caption ?? input.failed?.vqa);
  const itm = itmCells(input.itm, clip.scores, clip.totalMs);
  return {
    developer: [
      clip.model ? `CLIP: ${clip.model.displayName} (${clip.model.repo})` : 'CLIP: no model loaded',
      caption.model ? `BLIP: ${caption.model.displayName} (${caption.model.repo})` : 'BLIP: no model loaded',
    ].join(' · '),
    modalities: [
      clip.scores && clip.facts
        ? `CLIP consumed 1 image (${clip.facts.imageSize}×${clip.facts.imageSize} pixels, ${clip.facts.imageTokens} tokens) and ${clip.scores.length} label prompts (“${clip.scores[0]?.text ?? ''}”, …)`
        : `CLIP: ${clipMissing}`,
      caption.result
        ? `BLIP consumed 1 image (${caption.result.facts.imageTokens} image tokens)${caption.prompt ? ` and the prefix “${caption.prompt}” (${caption.result.promptIds.length} tokens)` : ''}${vqa.result && vqa.question ? ` and the question “${vqa.question}”` : ''}`
        : `BLIP: ${blipMissing}`,
    ].join(' · '),
    objective: [
      clip.facts
        ? `CLIP: logit_scale ${clip.facts.logitScale.toFixed(2)} (${clip.facts.logitScaleSource === 'init-value' ? 'untrained init value' : 'the temperature learned with the contrastive loss'}) scales cosines into logits`
        : `CLIP: ${clipMissing}`,
      blipFacts ? `BLIP: a language-modelling head over ${blipFacts.vocabSize} tokens produced the text` : `BLIP: ${blipMissing}`,
    ].join(' · '),
    transformer: [
      clip.facts
        ? `CLIP: text encoder ${clip.facts.textLayers} layers, vision encoder ${clip.facts.visionLayers} layers, ${millions(parameterCount(clip.model))} parameters, no cross-attention`
        : `CLIP: ${clipMissing}`,
      blipFacts
        ? `BLIP: vision encoder ${blipFacts.visionLayers} layers, text decoder ${blipFacts.textLayers} layers with ${blipFacts.crossAttentionLayers} cross-attention layers, ${millions(parameterCount(caption.model ?? vqa.model))} parameters, decoder layout “${blipFacts.decoderLayout}”`
        : `BLIP: ${blipMissing}`,
    ].join(' · '),
    applications: [
      top.length
        ? `CLIP ranked ${clip.scores?.length ?? 0} labels: ${top.map((score) => `${score.label} ${(score.probability * 100).toFixed(1)}%`).join(', ')}`
        : `CLIP: ${clipMissing}`,
      caption.result ? `BLIP captioned “${caption.result.text}”` : `BLIP caption: ${notYet(input.failed?.caption)}`,
      ...(vqa.result && vqa.question ? [`answered “${vqa.question}” → “${vqa.result.text}”`] : []),
      ...(itm.applications ? [itm.applications] : []),
    ].join(' · '),
    alignment: [
      top.length && clip.facts
        ? `CLIP compares one image embedding with each label embedding: cosine ${top.map((score) => `${score.label} ${score.cosine.toFixed(4)}`).join(', ')}, × logit_scale ${clip.facts.logitScale.toFixed(2)}`
        : `CLIP: ${clipMissing}`,
      caption.result
        ? `BLIP: each of the ${generatedTokens(caption.result)} generated tokens attended, in ${caption.result.crossAttention.layers} cross-attention layers, to ${caption.result.crossAttention.keyLength} image tokens`
        : `BLIP: ${blipMissing}`,
      ...(itm.alignment ? [itm.alignment] : []),
    ].join(' · '),
    generates: [
      clip.scores ? `CLIP produced no text, only scores for the given labels (top: ${top[0]?.label ?? '—'})` : `CLIP: ${clipMissing}`,
      caption.result ? `BLIP generated “${caption.result.text}” (${generatedTokens(caption.result)} tokens)` : `BLIP: ${blipMissing}`,
    ].join(' · '),
  };
}

export function measuredRows(input: EvidenceInput): MeasuredRow[] {
  const { clip, caption, vqa } = input;
  const blipModels = [caption.model && { name: 'caption', info: caption.model }, vqa.model && { name: 'VQA', info: vqa.model }].filter(
    (entry): entry is { name: string; info: LoadedModelInfo } => Boolean(entry),
  );
  const perBlip = (describe: (info: LoadedModelInfo) => string) =>
    blipModels.length ? blipModels.map((entry) => `${entry.name}: ${describe(entry.info)}`).join(' · ') : '—';
  const backend = (info: LoadedModelInfo) => (info.backend === 'webgpu' ? 'WebGPU' : `WASM, ${info.threads} ${info.threads === 1 ? 'thread' : 'threads'}`);
  const blipLatency = [
    caption.result
      ? `image encode ${caption.result.timings.visionCached ? 'cached' : formatMs(caption.result.timings.visionMs)}, caption ${formatMs(caption.result.timings.totalMs)}`
      : undefined,
    vqa.result ? `answer ${formatMs(vqa.result.timings.totalMs)}` : undefined,
  ].filter(Boolean);
  const speed = tokensPerSecond(caption.result);
  const vqaSpeed = tokensPerSecond(vqa.result);
  return [
    {
      label: 'Download size (dtype)',
      clip: clip.model ? `${formatBytes(clip.model.bytes.total)} (${clip.model.dtype})` : '—',
      blip: perBlip((info) => `${formatBytes(info.bytes.total)} (${info.dtype})`),
    },
    { label: 'Load time', clip: clip.model ? formatMs(clip.model.timings.totalMs) : '—', blip: perBlip((info) => formatMs(info.timings.totalMs)) },
    {
      label: 'Latency per task',
      clip:
        clip.totalMs !== undefined
          ? `image encode ${clip.imageMs === undefined ? 'cached' : formatMs(clip.imageMs)}, classify ${formatMs(clip.totalMs)}`
          : '—',
      blip: blipLatency.length ? blipLatency.join(' · ') : '—',
    },
    // Caption and VQA speeds differ (VQA adds a question encoder and answers in a few tokens): each row says which.
    { label: 'Caption tokens/s', clip: 'none: CLIP generates no tokens', blip: speed === undefined ? '—' : `${speed.toFixed(1)} tokens/s` },
    { label: 'VQA tokens/s', clip: 'none: CLIP generates no tokens', blip: vqaSpeed === undefined ? '—' : `${vqaSpeed.toFixed(1)} tokens/s` },
    { label: 'Backend and threads', clip: clip.model ? backend(clip.model) : '—', blip: perBlip(backend) },
    { label: 'Parameters (ONNX initializers)', clip: millions(parameterCount(clip.model)), blip: perBlip((info) => millions(parameterCount(info))) },
  ];
}
