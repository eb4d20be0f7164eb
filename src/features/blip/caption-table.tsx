import { ImageCell } from '../../components/ui/image-cell';
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
          <th scope="col" className="py-1 pr-2">
            Image
          </th>
          <th scope="col" className="py-1">
            Caption
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((image) => {
          const caption = captions[image.id];
          return (
            <tr key={image.id} className="border-t border-slate-100">
              <ImageCell previewUrl={image.previewUrl} name={image.name} />
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
