import { Panel } from '../../components/ui/panel';

export function ClipPanel() {
  return (
    <Panel id="clip" accent="clip" title="CLIP" subtitle="Contrastive dual encoder · compares embeddings, generates no text">
      <p className="text-sm text-slate-600">
        Zero-shot classification, text-to-image search and the similarity matrix will run here once the CLIP model is
        loaded.
      </p>
    </Panel>
  );
}
