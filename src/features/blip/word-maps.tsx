import { useState } from 'react';
import { HeatOverlay, OpacitySlider } from '../../components/ui/heat-overlay';
import { ExportPngButton } from '../../components/ui/overlay-png';
import { wordGrid, type LayerChoice } from '../../lib/attention-grid';
import { downloadBlob, downloadText } from '../../lib/csv';
import type { BlipAttentionMaps } from '../../shared/protocol';
import type { TextRun } from '../../store/blip-slice';
import { useAppStore } from '../../store/store';

function exportJson(maps: BlipAttentionMaps, layer: LayerChoice, name: string): void {
  const grids = maps.words.map((word, token) => ({ word, grid: wordGrid(maps, token, layer)?.values ?? null }));
  downloadText(
    `${name.replaceAll(' ', '-')}-attention.json`,
    JSON.stringify({ layer, side: wordGrid(maps, 0, layer)?.side ?? null, grids }, null, 1),
    'application/json',
  );
}

/**
 * Where each generated word looked: point at, focus or tap a word to see its cross-attention over the
 * image (layout stacks the map below the words on phones), plus a strip of per-word thumbnails.
 */
export function WordMaps({ maps, imageUrl, name, streaming = false }: { maps: BlipAttentionMaps; imageUrl: string; name: string; streaming?: boolean }) {
  const [token, setToken] = useState(0);
  const [layer, setLayer] = useState<LayerChoice>('mean');
  const [opacity, setOpacity] = useState(0.6);
  const words = maps.words.map((word, index) => ({ word: word || '[end]', index }));
  const grid = wordGrid(maps, token, layer);
  if (!wordGrid(maps, 0, layer))
    return <p className="text-xs text-slate-500">This model’s attention does not cover a square patch grid, so it cannot be drawn.</p>;
  return (
    <section
      aria-label={`Where each word of the ${name} looked`}
      aria-busy={streaming}
      data-streaming={streaming}
      className="space-y-2 rounded-md border border-slate-200 p-2"
    >
      {streaming ? (
        <p className="text-xs text-slate-600">
          Streaming: each word’s map arrives with the word. With beam search these are the maps of the current best beam, replaced when another beam takes
          the lead; the returned beam’s maps replace them when the run ends.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-1" role="group" aria-label="Words">
        {words.map(({ word, index }) => (
          <button
            key={index}
            type="button"
            aria-pressed={index === token}
            onMouseEnter={() => setToken(index)}
            onFocus={() => setToken(index)}
            onClick={() => setToken(index)}
            className={`rounded px-1.5 py-0.5 text-sm ${index === token ? 'bg-red-100 ring-1 ring-red-400' : 'bg-slate-100'}`}
          >
            {word}
          </button>
        ))}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        {grid ? <HeatOverlay imageUrl={imageUrl} grid={grid} opacity={opacity} label={`Attention of “${words[token]?.word}” over the image`} /> : null}
        <div className="space-y-2 text-sm">
          <label className="block">
            <span className="mr-1">Layer</span>
            <select
              aria-label="Attention layer"
              value={String(layer)}
              onChange={(event) => setLayer(event.target.value === 'mean' ? 'mean' : Number(event.target.value))}
              className="rounded border border-slate-300"
            >
              <option value="mean">Mean of layers</option>
              {Array.from({ length: maps.layers }, (_, i) => (
                <option key={i} value={i}>{`Layer ${i + 1}`}</option>
              ))}
            </select>
          </label>
          <OpacitySlider label="Map opacity" value={opacity} onChange={setOpacity} className="block" />
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5" onClick={() => exportJson(maps, layer, name)}>
            Export maps (JSON)
          </button>
          {grid ? (
            <ExportPngButton
              drawing={{ imageUrl, grid, opacity, range: 'zero-max', crop: false }}
              save={(png) => downloadBlob(`${name.replaceAll(' ', '-')}-${words[token]?.word ?? token}-attention.png`, png)}
            />
          ) : null}
          <p className="text-xs text-slate-500">Cross-attention of the decoder step that chose the word, heads averaged, CLS token left out.</p>
        </div>
      </div>
      <div className="flex gap-1 overflow-x-auto" aria-label="Maps per word">
        {words.map(({ word, index }) => {
          const thumb = wordGrid(maps, index, layer);
          return thumb ? <HeatOverlay key={index} imageUrl={imageUrl} grid={thumb} opacity={opacity} label={`Thumbnail: ${word}`} small /> : null;
        })}
      </div>
    </section>
  );
}

/** The switch that asks the worker for maps with each run (stored in the BLIP slice). */
export function AttentionMapsToggle() {
  const on = useAppStore((state) => state.attentionMaps);
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={on} onChange={(event) => useAppStore.getState().setAttentionMaps(event.target.checked)} />
      Show where each word looked (attention maps)
    </label>
  );
}

/** The maps of a run: streamed while it runs, the result's once it ends, or why there are none. */
export function RunMaps({ run, imageUrl, name }: { run: TextRun; imageUrl: string; name: string }) {
  const { result } = run;
  // A stopped run keeps the maps of the words it streamed.
  if (!result) return run.maps ? <WordMaps maps={run.maps} imageUrl={imageUrl} name={name} streaming={run.status === 'running'} /> : null;
  if (result.attentionMaps === undefined) return null;
  if (result.attentionMaps === null) {
    return (
      <p className="text-xs text-slate-600">
        No attention maps: this export has no cross_attentions outputs. Export it with <code>python -m tools.export --attention-maps</code>, or turn the
        maps off.
      </p>
    );
  }
  return <WordMaps maps={result.attentionMaps} imageUrl={imageUrl} name={name} />;
}
