import type { ReactNode } from 'react';
import { NumberField } from '../../components/ui/number-field';
import type { DecodingSettings } from '../../shared/protocol';
import { useAppStore } from '../../store/store';

const STRATEGIES: { value: DecodingSettings['strategy']; label: string; hint: string }[] = [
  { value: 'greedy', label: 'Greedy', hint: 'the most likely token at every step (deterministic)' },
  { value: 'beam', label: 'Beam search', hint: 'keeps several candidates, returns the best whole sequence' },
  { value: 'sample', label: 'Sampling', hint: 'draws tokens at random (seeded), for variety' },
];

function Group({ children }: { children: ReactNode }) {
  return <div className="grid gap-2 sm:grid-cols-2">{children}</div>;
}

export function DecodingControls({ task, label }: { task: 'caption' | 'vqa'; label: string }) {
  const settings = useAppStore((state) => (task === 'caption' ? state.captionDecoding : state.vqaDecoding));
  const setDecoding = useAppStore((state) => state.setDecoding);
  const set = (patch: Partial<DecodingSettings>) => setDecoding(task, patch);
  const current = STRATEGIES.find((strategy) => strategy.value === settings.strategy);
  // Open or closed as the user left it, across tab switches and reloads: it folded away and had to be reopened for every change.
  const section = `decoding-${task}`;
  const open = useAppStore((state) => state.openSections[section] ?? false);
  const setSectionOpen = useAppStore((state) => state.setSectionOpen);
  return (
    <details open={open} onToggle={(event) => setSectionOpen(section, event.currentTarget.open)} className="rounded-md border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-medium">
        {label}: {current?.label}, up to {settings.maxNewTokens} tokens
      </summary>
      <div className="mt-2 space-y-3">
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Strategy</legend>
          <div className="space-y-1">
            {STRATEGIES.map((strategy) => (
              <label key={strategy.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`${task}-strategy`}
                  value={strategy.value}
                  checked={settings.strategy === strategy.value}
                  onChange={() => set({ strategy: strategy.value })}
                  className="mt-1"
                />
                <span>
                  {strategy.label} <span className="text-xs text-slate-500">— {strategy.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Group>
          <NumberField label="Max new tokens" value={settings.maxNewTokens} min={1} max={60} onChange={(value) => set({ maxNewTokens: value })} />
          <NumberField label="Min new tokens" value={settings.minNewTokens} min={0} max={60} onChange={(value) => set({ minNewTokens: value })} />
          <NumberField
            label="Repetition penalty"
            value={settings.repetitionPenalty}
            min={1}
            max={3}
            step={0.05}
            onChange={(value) => set({ repetitionPenalty: value })}
          />
        </Group>
        {settings.strategy === 'beam' ? (
          <Group>
            <NumberField label="Beams" value={settings.numBeams} min={2} max={8} onChange={(value) => set({ numBeams: value })} />
            <NumberField
              label="Length penalty"
              value={settings.lengthPenalty}
              min={-2}
              max={3}
              step={0.1}
              onChange={(value) => set({ lengthPenalty: value })}
            />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={settings.earlyStopping} onChange={(event) => set({ earlyStopping: event.target.checked })} />
              Early stopping
            </label>
          </Group>
        ) : null}
        {settings.strategy === 'sample' ? (
          <Group>
            <NumberField
              label="Temperature"
              value={settings.temperature}
              min={0.05}
              max={2}
              step={0.05}
              onChange={(value) => set({ temperature: value })}
            />
            <NumberField label="Top-k" value={settings.topK} min={0} max={500} onChange={(value) => set({ topK: value })} />
            <NumberField label="Top-p" value={settings.topP} min={0.05} max={1} step={0.05} onChange={(value) => set({ topP: value })} />
            <NumberField label="Seed" value={settings.seed} min={0} max={2 ** 31 - 1} onChange={(value) => set({ seed: value })} />
          </Group>
        ) : null}
      </div>
    </details>
  );
}
