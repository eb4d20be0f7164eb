import { Button } from '../../components/ui/button';
import { downloadText, toCsv } from '../../lib/csv';
import { isCurrent } from '../../store/clip-slice';
import { useAppStore } from '../../store/store';

/**
 * Cosine → colour: white at the matrix minimum, a light CLIP blue (sky-400) at
 * its maximum. The darker sky-600 left the dark numbers at 4.35:1, under AA.
 */
function cellColour(value: number, min: number, max: number): string {
  const t = max > min ? (value - min) / (max - min) : 0.5;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return `rgb(${mix(255, 56)}, ${mix(255, 189)}, ${mix(255, 248)})`;
}

export function SimilarityMatrix() {
  const images = useAppStore((state) => state.images);
  const labels = useAppStore((state) => state.clipLabels);
  const template = useAppStore((state) => state.clipTemplate);
  const classifications = useAppStore((state) => state.classifications);
  const busy = useAppStore((state) => state.clipBusy);
  const classifyImages = useAppStore((state) => state.classifyImages);

  const current = (id: string) => {
    const entry = classifications[id];
    return isCurrent(entry, labels, template) ? entry : undefined;
  };
  const rows = images.flatMap((image) => {
    const entry = current(image.id);
    return entry ? [{ image, cosines: entry.scores.map((score) => score.cosine) }] : [];
  });
  const all = rows.flatMap((row) => row.cosines);
  const min = Math.min(...all);
  const max = Math.max(...all);
  const complete = rows.length === images.length && images.length > 0;

  function exportCsv() {
    const table = [['image', ...labels], ...rows.map((row) => [row.image.name, ...row.cosines])];
    downloadText('clip-similarity.csv', toCsv(table));
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Cosine similarity between every image and every label prompt: the raw numbers CLIP compares. Probabilities are a softmax over one row, scaled by
        logit_scale.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={images.length === 0 || labels.length === 0 || busy !== undefined}
          onClick={() => void classifyImages(images, 'classify-all')}
        >
          {complete ? 'Recompute matrix' : 'Compute matrix'}
        </Button>
        <Button disabled={rows.length === 0} onClick={exportCsv}>
          Export CSV
        </Button>
      </div>
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table aria-label="Similarity matrix" className="border-separate border-spacing-0.5 text-xs">
            <thead>
              <tr>
                <th scope="col" className="text-left font-normal text-slate-500">
                  image \ label
                </th>
                {labels.map((label) => (
                  <th key={label} scope="col" className="px-1 align-bottom font-medium" title={label}>
                    {/* Wrapped, not cut: a table cell ignores max-width, so the span sets the measure: 5 to 10rem, as many lines as the label needs. */}
                    <span className="block min-w-20 max-w-40 [overflow-wrap:anywhere]">{label}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.image.id}>
                  <th scope="row" className="pr-2 text-left font-normal" title={row.image.name}>
                    <span className="line-clamp-2 block max-w-40 [overflow-wrap:anywhere]">{row.image.name}</span>
                  </th>
                  {row.cosines.map((cosine, index) => (
                    <td
                      key={labels[index]}
                      tabIndex={0}
                      title={`${row.image.name} × ${labels[index]}: cosine ${cosine.toFixed(6)}`}
                      aria-label={`${row.image.name} × ${labels[index]}: cosine ${cosine.toFixed(6)}`}
                      style={{ backgroundColor: cellColour(cosine, min, max) }}
                      className="h-8 min-w-12 rounded px-1 text-center tabular-nums focus:outline-2 focus:outline-slate-900"
                    >
                      {cosine.toFixed(3)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-2 flex items-center gap-2 text-xs text-slate-600" aria-label="Colour scale">
            <span className="tabular-nums">{min.toFixed(3)}</span>
            <span className="h-2 w-32 rounded" style={{ background: `linear-gradient(to right, ${cellColour(0, 0, 1)}, ${cellColour(1, 0, 1)})` }} />
            <span className="tabular-nums">{max.toFixed(3)}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
