import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { hostProblem } from '../../lib/host-offer';
import { customModel, type ModelTask } from '../../shared/model-registry';
import type { DeviceSetting } from '../../shared/protocol';
import { useAppStore } from '../../store/store';
import { TASK_LABELS, TASKS } from './task-labels';

const INPUT = 'w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

export function ModelSettings() {
  return (
    <div className="space-y-5">
      <SourceForm />
      <DeviceSelect />
      <CustomModels />
    </div>
  );
}

function SourceForm() {
  const settings = useAppStore((state) => state.settings);
  const { updateSettings, resetSource } = useAppStore.getState();
  const [host, setHost] = useState(settings.host);
  const [template, setTemplate] = useState(settings.pathTemplate);
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!template.includes('{file}')) {
      setError('The path template must contain {file}.');
      return;
    }
    const problem = hostProblem(host.trim(), document.baseURI);
    if (problem) {
      setError(`The host cannot be used: ${problem}.`);
      return;
    }
    setError(undefined);
    updateSettings({ host: host.trim(), pathTemplate: template.trim() });
  }

  return (
    <form onSubmit={submit} aria-labelledby="source-heading" className="space-y-2">
      <h3 id="source-heading" className="font-medium">
        Model host
      </h3>
      <label className="block text-sm">
        Host URL (or a relative folder such as <code>./models/</code>)
        <input
          className={INPUT}
          value={host}
          aria-invalid={error !== undefined}
          aria-describedby={error ? 'source-error' : undefined}
          onChange={(event) => setHost(event.target.value)}
        />
      </label>
      <label className="block text-sm">
        Path template (<code>{'{repo}'}</code>, <code>{'{revision}'}</code>, <code>{'{file}'}</code>)
        <input className={INPUT} value={template} onChange={(event) => setTemplate(event.target.value)} />
      </label>
      {error ? (
        <p id="source-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Save host
        </Button>
        <Button
          onClick={() => {
            resetSource();
            const next = useAppStore.getState().settings;
            setHost(next.host);
            setTemplate(next.pathTemplate);
          }}
        >
          Reset to the Hugging Face Hub
        </Button>
      </div>
    </form>
  );
}

function DeviceSelect() {
  const device = useAppStore((state) => state.settings.device);
  const capabilities = useAppStore((state) => state.capabilities);
  const updateSettings = useAppStore((state) => state.updateSettings);
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium">Device</span>
      <select className={INPUT} value={device} onChange={(event) => updateSettings({ device: event.target.value as DeviceSetting })}>
        <option value="auto">Auto (WebGPU when available, else WASM)</option>
        <option value="webgpu" disabled={capabilities ? !capabilities.webgpu.available : false}>
          WebGPU
        </option>
        <option value="wasm">WASM (CPU)</option>
      </select>
      <span className="block text-xs text-slate-500">Models already loaded switch at their next use.</span>
    </label>
  );
}

function CustomModels() {
  const customModels = useAppStore((state) => state.settings.customModels);
  const demoAvailable = useAppStore((state) => state.demoAvailable);
  const { addCustomModel, removeCustomModel, useDemoModels } = useAppStore.getState();
  const [task, setTask] = useState<ModelTask>('vqa');
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('main');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = repo.trim();
    if (!/^https?:\/\/\S+$/i.test(value) && !/^[\w.-]+\/[\w.-]+$/.test(value)) {
      setError('Enter a repository id such as org/name, or a URL of a model folder.');
      return;
    }
    setError(undefined);
    addCustomModel(customModel(task, value, revision.trim() || 'main'));
    setRepo('');
  }

  return (
    <section aria-labelledby="custom-heading" className="space-y-2">
      <h3 id="custom-heading" className="font-medium">
        Add a model
      </h3>
      <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[auto_1fr_auto_auto]">
        <select aria-label="Task of the new model" className={INPUT} value={task} onChange={(event) => setTask(event.target.value as ModelTask)}>
          {TASKS.map((option) => (
            <option key={option} value={option}>
              {TASK_LABELS[option]}
            </option>
          ))}
        </select>
        <input
          aria-label="Repository id or URL"
          placeholder="org/name or https://…"
          className={INPUT}
          value={repo}
          onChange={(event) => setRepo(event.target.value)}
        />
        <input aria-label="Revision" className={`${INPUT} sm:w-28`} value={revision} onChange={(event) => setRevision(event.target.value)} />
        <Button type="submit">Add model</Button>
      </form>
      {error ? (
        <p id="source-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {customModels.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {customModels.map((model) => (
            <li key={model.id} className="flex items-center justify-between gap-2">
              <span className="break-all">
                {TASK_LABELS[model.task]}: {model.repo} @ {model.revision}
              </span>
              <Button size="sm" aria-label={`Remove custom model ${model.repo}`} onClick={() => removeCustomModel(model.id)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {demoAvailable ? (
        <Button size="sm" onClick={useDemoModels}>
          Use offline demo models
        </Button>
      ) : null}
    </section>
  );
}
