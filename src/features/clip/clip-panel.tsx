import { useState } from 'react';
import { Message } from '../../components/ui/message';
import { ModelStatus } from '../../components/ui/model-status';
import { Panel } from '../../components/ui/panel';
import { Tabs } from '../../components/ui/tabs';
import { useAppStore } from '../../store/store';
import { useModelStatus } from '../../store/use-model-status';
import { ClassifyView } from './classify-view';
import { SearchView } from './search-view';
import { SimilarityMatrix } from './similarity-matrix';

type View = 'classify' | 'search' | 'matrix';

export function ClipPanel() {
  const [view, setView] = useState<View>('classify');
  const status = useModelStatus('clip', 'CLIP', 'clip');
  const error = useAppStore((state) => state.clipError);
  return (
    <Panel id="clip" accent="clip" title="CLIP" subtitle="Contrastive dual encoder · compares embeddings, generates no text">
      <div className="space-y-3">
        <ModelStatus {...status} />
        {error && error.code !== 'model-load-failed' && error.code !== 'download-failed' && error.code !== 'not-found' ? (
          <div role="alert">
            <Message tone="error">
              {error.message} {error.action}
            </Message>
          </div>
        ) : null}
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
