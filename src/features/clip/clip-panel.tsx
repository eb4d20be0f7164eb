import { useState } from 'react';
import { ErrorMessage } from '../../components/ui/error-message';
import { ModelStatus } from '../../components/ui/model-status';
import { Panel } from '../../components/ui/panel';
import { Tabs } from '../../components/ui/tabs';
import { useErrorView } from '../../store/error-views';
import { useAppStore } from '../../store/store';
import { ClassifyView } from './classify-view';
import { SearchView } from './search-view';
import { SimilarityMatrix } from './similarity-matrix';

type View = 'classify' | 'search' | 'matrix';

/** Load failures already show in the model status line above. */
const MODEL_LOAD_CODES = new Set(['model-load-failed', 'download-failed', 'not-found', 'source-unavailable', 'unsupported-layout']);

export function ClipPanel() {
  const [view, setView] = useState<View>('classify');
  const load = useAppStore((state) => state.currentLoad('clip'));
  const { loadModel, cancelLoad, setActionPlace } = useAppStore.getState();
  const error = useAppStore((state) => state.clipError);
  const errorView = useErrorView('clip', 'clip');
  return (
    <Panel
      id="clip"
      onAct={() => setActionPlace('clip')}
      accent="clip"
      title="CLIP"
      subtitle="Contrastive dual encoder · compares embeddings, generates no text"
    >
      <div className="space-y-3">
        <ModelStatus
          label="CLIP"
          tone="clip"
          load={load}
          onLoad={() => void loadModel('clip').catch(() => undefined)}
          onCancel={() => cancelLoad('clip')}
          errorView={errorView}
        />
        {error && !errorView && !MODEL_LOAD_CODES.has(error.code) ? <ErrorMessage error={error} title="CLIP failed." /> : null}
        <Tabs<View>
          label="CLIP tasks"
          selected={view}
          onSelect={setView}
          tabs={[
            { key: 'classify', label: 'Zero-shot classification', content: <ClassifyView /> },
            { key: 'search', label: 'Image search', content: <SearchView /> },
            { key: 'matrix', label: 'Similarity matrix', content: <SimilarityMatrix /> },
          ]}
        />
      </div>
    </Panel>
  );
}
