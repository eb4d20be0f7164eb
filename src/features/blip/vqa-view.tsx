import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { ErrorMessage } from '../../components/ui/error-message';
import { Message } from '../../components/ui/message';
import { useAppStore } from '../../store/store';
import { DecodingControls } from './decoding-controls';
import { RunMetrics } from './run-metrics';
import { AttentionMapsToggle, RunMaps } from './word-maps';

const EXAMPLES = ['What is in the picture?', 'What color is it?', 'How many are there?', 'Is this indoors?', 'What is the person doing?'];

export function VqaView() {
  const images = useAppStore((state) => state.images);
  const activeId = useAppStore((state) => state.activeImageId);
  const history = useAppStore((state) => (state.activeImageId ? state.qaHistory[state.activeImageId] : undefined));
  const configured = useAppStore((state) => state.modelRef('vqa') !== undefined);
  const question = useAppStore((state) => state.vqaQuestion);
  const loadFailed = useAppStore((state) => state.currentLoad('vqa').status === 'error');
  const { askQuestion, stopBlip, setVqaQuestion: setQuestion } = useAppStore.getState();
  const [invalid, setInvalid] = useState(false);
  const active = images.find((image) => image.id === activeId);
  const running = history?.some((entry) => entry.status === 'running') ?? false;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!question.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (active) void askQuestion(active, question);
  }

  if (!configured) {
    return (
      <Message tone="info">
        No BLIP VQA model is configured yet. Choose one in the Models panel below (the offline demo models include one when this site offers them), or add
        the address of a model you host under Settings → Add a model.
      </Message>
    );
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="space-y-2">
        <div className="flex gap-2">
          <input
            aria-label="Question"
            aria-invalid={invalid}
            placeholder="Ask about the active image"
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          {running ? (
            <Button variant="danger" onClick={() => stopBlip('vqa')}>
              Stop
            </Button>
          ) : (
            <Button type="submit" variant="primary" disabled={!active}>
              Ask
            </Button>
          )}
        </div>
        {invalid ? <p className="text-sm text-red-700">Type a question first.</p> : null}
        <div className="flex flex-wrap gap-1.5" aria-label="Example questions" role="group">
          {EXAMPLES.map((example) => (
            <Button key={example} size="sm" variant="ghost" onClick={() => setQuestion(example)}>
              {example}
            </Button>
          ))}
        </div>
      </form>
      <DecodingControls task="vqa" label="Decoding" />
      <AttentionMapsToggle />
      {!active ? <p className="text-sm text-slate-600">Add or select an image to ask about it.</p> : null}
      {history && history.length > 0 ? (
        <ol aria-label="Questions and answers" className="space-y-2">
          {[...history].reverse().map((entry) => (
            <li key={entry.id} className="rounded-md border border-slate-200 p-2">
              <p className="text-sm text-slate-600">Q: {entry.question}</p>
              <p className="text-base" aria-live="polite" aria-label={`Answer to: ${entry.question}`} data-sequence={entry.result?.sequence.join(' ')}>
                A: {entry.text || (entry.status === 'running' ? '…' : '')}
                {entry.status === 'stopped' ? <span className="text-xs text-slate-500"> (stopped)</span> : null}
              </p>
              {entry.status === 'error' && entry.error && loadFailed ? (
                <p className="text-xs text-slate-600">Not answered: the BLIP VQA model did not load (the message is above).</p>
              ) : null}
              {entry.status === 'error' && entry.error && !loadFailed ? <ErrorMessage error={entry.error} title="Answering failed." /> : null}
              {active ? <RunMaps run={entry} imageUrl={active.previewUrl} name={`answer ${entry.id}`} /> : null}
              {entry.result ? <RunMetrics result={entry.result} label={`Answer ${entry.id}`} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
