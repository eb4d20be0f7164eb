import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { ErrorMessage } from '../../components/ui/error-message';
import { useAppStore } from '../../store/store';
import { CaptionTable } from './caption-table';
import { DecodingControls } from './decoding-controls';
import { RunMetrics } from './run-metrics';
import { AttentionMapsToggle, RunMaps } from './word-maps';

export function CaptionView() {
  const images = useAppStore((state) => state.images);
  const activeId = useAppStore((state) => state.activeImageId);
  const prompt = useAppStore((state) => state.captionPrompt);
  const captions = useAppStore((state) => state.captions);
  const { setCaptionPrompt, captionImage, captionAll, stopBlip } = useAppStore.getState();
  const [copied, setCopied] = useState(false);
  const active = images.find((image) => image.id === activeId);
  // A caption that failed because its model did not load says nothing the panel's model line does not (one message per cause).
  const loadFailed = useAppStore((state) => state.currentLoad('caption').status === 'error');
  const shown = active ? captions[active.id] : undefined;
  const caption = shown?.status === 'error' && loadFailed ? undefined : shown;
  const running = Object.values(captions).some((entry) => entry.status === 'running');

  async function copy() {
    if (!caption) return;
    await navigator.clipboard.writeText(caption.text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  return (
    <div className="space-y-3">
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Caption prefix (optional)</span>
        <input
          value={prompt}
          placeholder="a picture of"
          onChange={(event) => setCaptionPrompt(event.target.value)}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
        <span className="block text-xs text-slate-500">Conditional captioning: BLIP continues your text, so the caption starts with it.</span>
      </label>
      <DecodingControls task="caption" label="Decoding" />
      <AttentionMapsToggle />
      <div className="flex flex-wrap gap-2">
        {running ? (
          <Button variant="danger" onClick={() => stopBlip('caption')}>
            Stop
          </Button>
        ) : (
          <Button variant="primary" disabled={!active} onClick={() => active && void captionImage(active)}>
            Caption
          </Button>
        )}
        <Button disabled={images.length === 0 || running} onClick={() => void captionAll(images)}>
          Caption all
        </Button>
        <Button disabled={!caption?.text || caption.status === 'running'} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy caption'}
        </Button>
      </div>
      {!active ? <p className="text-sm text-slate-600">Add or select an image to caption it.</p> : null}
      {caption ? (
        <div className="space-y-1">
          <output
            aria-label="Caption"
            aria-live="polite"
            aria-busy={caption.status === 'running'}
            data-sequence={caption.result?.sequence.join(' ')}
            className="block min-h-10 rounded-md bg-pink-50 p-3 text-lg"
          >
            {caption.text || (caption.status === 'running' ? '…' : '')}
            {caption.status === 'running' ? <span className="ml-0.5 animate-pulse">▍</span> : null}
          </output>
          {caption.status === 'stopped' ? <p className="text-xs text-slate-600">Stopped after {caption.tokens} tokens.</p> : null}
          {caption.status === 'error' && caption.error ? <ErrorMessage error={caption.error} title="Captioning failed." /> : null}
          {active ? <RunMaps run={caption} imageUrl={active.previewUrl} name="caption" /> : null}
          {caption.result ? <RunMetrics result={caption.result} label="Caption" /> : null}
        </div>
      ) : null}
      <CaptionTable />
    </div>
  );
}
