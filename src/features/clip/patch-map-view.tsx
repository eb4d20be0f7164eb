import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { ErrorMessage } from '../../components/ui/error-message';
import { HeatOverlay, OpacitySlider } from '../../components/ui/heat-overlay';
import { ExportPngButton } from '../../components/ui/overlay-png';
import { downloadBlob } from '../../lib/csv';
import type { GalleryImage } from '../../store/images-slice';
import { useAppStore } from '../../store/store';

/**
 * CLIP's answer to "where is the label?": the cosine of each projected patch token with the text embedding.
 * CLIP was trained on one vector per image, so this is a by-product, not a localisation.
 */
export function PatchMapView({
  image,
  texts,
  choiceLabel = 'Label for the patch map',
}: {
  image: GalleryImage;
  texts: { label: string; text: string }[];
  choiceLabel?: string;
}) {
  const entry = useAppStore((state) => state.patchMap);
  const [choice, setChoice] = useState(0);
  const [opacity, setOpacity] = useState(0.6);
  const picked = texts[Math.min(choice, texts.length - 1)];
  if (!picked) return null;
  const shown = entry && entry.imageId === image.id && entry.text === picked.text ? entry : undefined;
  const side = Math.round(Math.sqrt(shown?.cosines?.length ?? 0));
  return (
    <section aria-label="CLIP patch map" className="space-y-2 rounded-md border border-slate-200 p-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={choiceLabel}
          value={choice}
          onChange={(event) => setChoice(Number(event.target.value))}
          className="rounded border border-slate-300"
        >
          {texts.map((item, index) => (
            <option key={item.text} value={index}>
              {item.label}
            </option>
          ))}
        </select>
        <Button disabled={shown?.status === 'running'} onClick={() => void useAppStore.getState().showPatchMap(image, picked.text)}>
          Show patch map
        </Button>
        <OpacitySlider label="Patch map opacity" value={opacity} onChange={setOpacity} />
      </div>
      {shown?.status === 'error' && shown.error ? <ErrorMessage error={shown.error} title="The patch map failed." /> : null}
      {shown?.status === 'done' && shown.cosines === null ? (
        <p className="text-xs text-slate-600">
          No patch map: this export has no patch_embeds output. Export it with <code>python -m tools.export --attention-maps</code>.
        </p>
      ) : null}
      {shown?.cosines && side * side === shown.cosines.length ? (
        <HeatOverlay
          imageUrl={image.previewUrl}
          grid={{ side, values: shown.cosines }}
          opacity={opacity}
          label={`CLIP patch cosine with “${picked.text}”`}
          range="min-max"
          crop
        />
      ) : null}
      {shown?.cosines && side * side === shown.cosines.length ? (
        <ExportPngButton
          drawing={{ imageUrl: image.previewUrl, grid: { side, values: shown.cosines }, opacity, range: 'min-max', crop: true }}
          save={(png) => downloadBlob(`clip-patch-map-${picked.label.replaceAll(' ', '-')}.png`, png)}
        />
      ) : null}
      <p className="text-xs text-slate-500">
        Cosine of each image patch (projected like the pooled token) with the text’s embedding. CLIP was not trained to localise: it compares one vector
        per image with one per text, and this is what that alignment yields per patch.
      </p>
    </section>
  );
}
