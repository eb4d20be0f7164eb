/** A table row header naming an image: its thumbnail and (truncated) name. */
export function ImageCell({ previewUrl, name }: { previewUrl: string; name: string }) {
  return (
    <th scope="row" className="py-1 pr-2 text-left font-normal">
      <span className="flex items-center gap-2">
        <img src={previewUrl} alt="" className="h-8 w-10 rounded object-cover" />
        <span className="max-w-32 truncate" title={name}>
          {name}
        </span>
      </span>
    </th>
  );
}
