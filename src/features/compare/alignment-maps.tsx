/**
 * The "Cross-modal alignment" row's live evidence (issue 14): for the active image, CLIP's patch map for its
 * top label beside BLIP's cross-attention map for the caption word closest to that label. Both maps come from
 * the views' own sources (patch-map slice, the caption's attention maps), drawn with the same overlay.
 */
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { ErrorMessage } from '../../components/ui/error-message';
import { HeatOverlay } from '../../components/ui/heat-overlay';
import { wordGrid } from '../../lib/attention-grid';
import { applyTemplate } from '../../shared/prompt-template';
import type { BlipAttentionMaps } from '../../shared/protocol';
import { useAppStore } from '../../store/store';
import { closestWordIndex } from './closest-word';

export const ALIGNMENT_MAPS_ID = 'alignment-maps';
const OPACITY = 0.6;
const EXPORT_HINT = 'Export it with python -m tools.export --attention-maps.';

function ClipSide({ label, text }: { label: string; text: string }) {
  const image = useAppStore((state) => state.images.find((item) => item.id === state.activeImageId));
  const entry = useAppStore((state) => state.patchMap);
  if (!image) return null;
  const shown = entry && entry.imageId === image.id && entry.text === text ? entry : undefined;
  const side = Math.round(Math.sqrt(shown?.cosines?.length ?? 0));
  return (
    <div className="space-y-1">
      <h4 className="font-medium text-[var(--color-clip)]">CLIP: patch cosine with its top label “{label}”</h4>
      {shown?.cosines && side * side === shown.cosines.length ? (
        <HeatOverlay
          imageUrl={image.previewUrl}
          grid={{ side, values: shown.cosines }}
          opacity={OPACITY}
          label={`CLIP patch cosine with “${text}”`}
          range="min-max"
          crop
        />
      ) : (
        <Button disabled={shown?.status === 'running'} onClick={() => void useAppStore.getState().showPatchMap(image, text)}>
          {shown?.status === 'running' ? 'Computing…' : 'Show CLIP patch map'}
        </Button>
      )}
      {shown?.status === 'done' && shown.cosines === null ? (
        <p>No CLIP patch map: the loaded CLIP export has no patch_embeds output. {EXPORT_HINT}</p>
      ) : null}
      {shown?.status === 'error' && shown.error ? <ErrorMessage error={shown.error} title="The CLIP patch map failed." /> : null}
    </div>
  );
}

function BlipSide({ label, maps, imageUrl }: { label: string; maps: BlipAttentionMaps; imageUrl: string }) {
  const [picked, setPicked] = useState<number>();
  const closest = closestWordIndex(label, maps.words);
  const token = picked ?? closest;
  const grid = token === undefined ? undefined : wordGrid(maps, token, 'mean');
  return (
    <div className="space-y-1">
      <h4 className="font-medium text-[var(--color-blip)]">BLIP: cross-attention of a caption word (mean of layers)</h4>
      <label className="block">
        <span className="mr-1">Caption word</span>
        <select
          aria-label="Caption word for the BLIP map"
          value={token === undefined ? '' : String(token)}
          onChange={(event) => setPicked(Number(event.target.value))}
          className="rounded border border-slate-300"
        >
          {token === undefined ? <option value="">Pick a word</option> : null}
          {maps.words.map((word, index) => (
            <option key={index} value={index}>
              {word || '[end]'}
            </option>
          ))}
        </select>
      </label>
      {closest === undefined && picked === undefined ? <p>No caption word matches “{label}”: pick the word to compare.</p> : null}
      {grid && token !== undefined ? (
        <HeatOverlay imageUrl={imageUrl} grid={grid} opacity={OPACITY} label={`BLIP attention of “${maps.words[token]}” over the image`} />
      ) : null}
    </div>
  );
}

export function AlignmentMaps() {
  const image = useAppStore((state) => state.images.find((item) => item.id === state.activeImageId));
  const classification = useAppStore((state) => (state.activeImageId ? state.classifications[state.activeImageId] : undefined));
  const caption = useAppStore((state) => (state.activeImageId ? state.captions[state.activeImageId] : undefined));
  const top = classification ? [...classification.scores].sort((a, b) => b.probability - a.probability)[0] : undefined;
  const maps = caption?.result?.attentionMaps;
  const missing = [
    ...(top ? [] : ['Classify the image with CLIP.']),
    ...(maps === undefined ? ['Caption it with “Show where each word looked (attention maps)” on.'] : []),
    ...(maps === null ? [`No BLIP maps: the loaded caption export has no cross_attentions outputs. ${EXPORT_HINT}`] : []),
  ];
  return (
    <section
      id={ALIGNMENT_MAPS_ID}
      tabIndex={-1}
      aria-label="Cross-modal alignment, side by side"
      className="space-y-2 rounded-md border border-slate-200 p-2 text-sm"
    >
      <h3 className="font-semibold">Cross-modal alignment, side by side</h3>
      <p className="text-xs text-slate-500">
        CLIP compares one image vector with one text vector; the per-patch cosine is what that yields per patch. BLIP’s words attend to the patches through
        cross-attention.
      </p>
      {!image ? <p>Add or select an image.</p> : null}
      {missing.length > 0 ? <p className="text-slate-600">{missing.join(' ')}</p> : null}
      {image ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {top && classification ? <ClipSide label={top.label} text={applyTemplate(classification.template, top.label)} /> : <div />}
          {top && maps ? <BlipSide key={`${image.id}-${top.label}`} label={top.label} maps={maps} imageUrl={image.previewUrl} /> : null}
        </div>
      ) : null}
    </section>
  );
}
