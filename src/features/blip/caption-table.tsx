import { useAppStore } from '../../store/store';

/** Every image's caption, after "Caption all" (or as captions accumulate). */
export function CaptionTable() {
  const images = useAppStore((state) => state.images);
  const captions = useAppStore((state) => state.captions);
  const rows = images.filter((image) => captions[image.id]);
  if (rows.length < 2) return null;
  return (
    <table aria-label="Captions" className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th scope="col" className="py-1 pr-2">Image</th>
          <th scope="col" className="py-1">Caption</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((image) => {
          const caption = captions[image.id];
          return (
            <tr key={image.id} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                <span className="flex items-center gap-2">
                  <img src={image.previewUrl} alt="" className="h-8 w-10 rounded object-cover" />
                  <span className="max-w-28 truncate">{image.name}</span>
                </span>
              </th>
              <td className="py-1">
                {caption?.text}
                {caption?.status === 'running' ? ' …' : caption?.status === 'error' ? ' (failed)' : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
