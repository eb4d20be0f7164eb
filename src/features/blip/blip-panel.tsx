import { Panel } from '../../components/ui/panel';

export function BlipPanel() {
  return (
    <Panel id="blip" accent="blip" title="BLIP" subtitle="Vision encoder + text decoder with cross-attention · generates text">
      <p className="text-sm text-slate-600">
        Captioning and visual question answering will run here once the BLIP models are loaded.
      </p>
    </Panel>
  );
}
