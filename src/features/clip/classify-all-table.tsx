import { ImageCell } from '../../components/ui/image-cell';
import { useAppStore } from '../../store/store';

const TOP = 3;

/** Images × their top labels, after "Classify all". */
export function ClassifyAllTable() {
  const images = useAppStore((state) => state.images);
  const classifications = useAppStore((state) => state.classifications);
  const rows = images.flatMap((image) => {
    const entry = classifications[image.id];
    return entry ? [{ image, top: [...entry.scores].sort((a, b) => b.probability - a.probability).slice(0, TOP) }] : [];
  });
  if (rows.length < 2) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="mb-1 text-left text-xs text-slate-500">Top {TOP} labels per image</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 pr-2">
              Image
            </th>
            {Array.from({ length: TOP }, (_, index) => (
              <th key={index} scope="col" className="py-1 pr-2">
                #{index + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ image, top }) => (
            <tr key={image.id} className="border-t border-slate-100">
              <ImageCell previewUrl={image.previewUrl} name={image.name} />
              {top.map((score) => (
                <td key={score.label} className="py-1 pr-2 tabular-nums">
                  {score.label} <span className="text-slate-500">{(score.probability * 100).toFixed(1)}%</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
