import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button } from '../../components/ui/button';
import { clipLimitWarning } from '../../lib/text-limit';
import { applyTemplate, parseLabels } from '../../shared/prompt-template';
import { useAppStore } from '../../store/store';
import { LABEL_PRESETS } from './label-presets';

export function LabelEditor() {
  const labels = useAppStore((state) => state.clipLabels);
  const setLabels = useAppStore((state) => state.setClipLabels);
  const template = useAppStore((state) => state.clipTemplate);
  const [draft, setDraft] = useState('');
  // Said while typing, with the template around the label, since that whole prompt is what CLIP reads.
  const draftWarning = draft.trim() ? clipLimitWarning(applyTemplate(template, draft), 'This label with the template') : undefined;
  const tooLong = labels.filter((label) => clipLimitWarning(applyTemplate(template, label), 'label') !== undefined);

  function add(text: string) {
    const merged = parseLabels([...labels, ...parseLabels(text)].join('\n'));
    setLabels(merged);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft);
    } else if (event.key === 'Backspace' && draft === '' && labels.length > 0) {
      setLabels(labels.slice(0, -1));
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text');
    if (!/[,\n]/.test(text)) return;
    event.preventDefault();
    add(draft + text);
  }

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Labels ({labels.length})</legend>
      <ul aria-label="Labels" className="flex flex-wrap gap-1.5">
        {labels.map((label) => (
          <li key={label} className="flex items-center gap-1 rounded-full bg-sky-50 py-0.5 pl-2.5 pr-1 text-sm text-sky-900 ring-1 ring-sky-200">
            {label}
            <button
              type="button"
              aria-label={`Remove label ${label}`}
              onClick={() => setLabels(labels.filter((other) => other !== label))}
              className="rounded-full px-1 text-sky-700 hover:bg-sky-200"
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <input
          aria-label="Add labels"
          placeholder="Add a label, or paste a list"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-describedby={draftWarning ? 'label-limit' : undefined}
          // At least 12rem: on a phone the box shrank beside the buttons until it read "Add a".
          className="min-w-48 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <Button size="sm" onClick={() => add(draft)} disabled={!draft.trim()}>
          Add
        </Button>
        <select
          aria-label="Label presets"
          value=""
          onChange={(event) => {
            const preset = LABEL_PRESETS[event.target.value];
            if (preset) setLabels(preset);
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">Presets…</option>
          {Object.keys(LABEL_PRESETS).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <Button size="sm" variant="ghost" onClick={() => setLabels([])} disabled={labels.length === 0}>
          Clear labels
        </Button>
      </div>
      {draftWarning ? (
        <p id="label-limit" role="status" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
          {draftWarning}
        </p>
      ) : null}
      {tooLong.length > 0 ? (
        <p role="note" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
          Longer than CLIP reads, so cut when classified: {tooLong.map((label) => `“${label}”`).join(', ')}.
        </p>
      ) : null}
    </fieldset>
  );
}
