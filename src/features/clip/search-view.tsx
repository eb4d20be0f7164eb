import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { clipLimitWarning } from '../../lib/text-limit';
import { formatMs } from '../../shared/format';
import { useAppStore } from '../../store/store';
import { BlipCompareSwitch, BlipRerank } from './blip-compare';
import { PatchMapView } from './patch-map-view';
import { TextCutNote } from './text-cut-note';

export function SearchView() {
  const [query, setQuery] = useState('');
  const images = useAppStore((state) => state.images);
  const search = useAppStore((state) => state.search);
  const busy = useAppStore((state) => state.clipBusy);
  const searchImages = useAppStore((state) => state.searchImages);
  const setActiveImage = useAppStore((state) => state.setActiveImage);
  const activeImageId = useAppStore((state) => state.activeImageId);
  const byId = new Map(images.map((image) => [image.id, image]));
  // The query's patch map is drawn on the result the user picked (the active image), else on the best match.
  const mapped =
    search && byId.get(search.ranking.some((entry) => entry.imageKey === activeImageId) ? (activeImageId ?? '') : (search.ranking[0]?.imageKey ?? ''));
  const limitWarning = clipLimitWarning(query, 'The search text');

  function submit(event: FormEvent) {
    event.preventDefault();
    void searchImages(query);
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex gap-2" role="search">
        <input
          aria-label="Search images"
          placeholder="Describe what you are looking for"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={limitWarning ? 'search-limit' : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <Button type="submit" variant="primary" disabled={!query.trim() || images.length === 0 || busy !== undefined}>
          {busy === 'search' ? 'Searching…' : 'Search'}
        </Button>
      </form>
      {limitWarning ? (
        <p id="search-limit" role="status" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
          {limitWarning}
        </p>
      ) : null}
      <BlipCompareSwitch />
      <BlipRerank query={query} />
      {images.length === 0 ? <p className="text-sm text-slate-600">Add images to search through.</p> : null}
      {search ? (
        <>
          <p role="status" aria-label="Search summary" className="text-xs text-slate-600">
            “{search.query}”: {search.ranking.length} images ranked in {formatMs(search.timings.totalMs)} · {search.cache.imagesEncoded} images encoded,{' '}
            {search.cache.imagesCached} cached
            <TextCutNote cut={search.queryCut} what="The search text" />
          </p>
          <ol aria-label="Search results" className="space-y-1.5">
            {search.ranking.map((entry, index) => {
              const image = byId.get(entry.imageKey);
              if (!image) return null;
              return (
                <li key={entry.imageKey} data-image={image.name} data-cosine={entry.cosine}>
                  <button
                    type="button"
                    onClick={() => setActiveImage(image.id)}
                    aria-label={`${index + 1}. ${image.name}, cosine ${entry.cosine.toFixed(4)}${index === 0 ? ', best match' : ''}`}
                    className={`flex w-full items-center gap-3 rounded-md p-1.5 text-left text-sm ${index === 0 ? 'bg-sky-50 ring-2 ring-[var(--color-clip)]' : 'hover:bg-slate-50'}`}
                  >
                    <span className="w-5 text-right tabular-nums text-slate-500">{index + 1}</span>
                    <img src={image.previewUrl} alt="" className="h-10 w-14 rounded object-cover" />
                    <span className="min-w-0 flex-1 truncate">{image.name}</span>
                    {index === 0 ? <span className="rounded bg-[var(--color-clip)] px-1.5 text-xs text-white">best match</span> : null}
                    <span className="tabular-nums">{entry.cosine.toFixed(4)}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          {mapped ? <PatchMapView image={mapped} texts={[{ label: search.query, text: search.query }]} choiceLabel="Query for the patch map" /> : null}
        </>
      ) : null}
    </div>
  );
}
