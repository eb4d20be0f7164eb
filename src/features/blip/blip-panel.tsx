import { useState } from 'react';
import { ModelStatus } from '../../components/ui/model-status';
import { Panel } from '../../components/ui/panel';
import { Tabs } from '../../components/ui/tabs';
import { useErrorView } from '../../store/error-views';
import { useAppStore } from '../../store/store';
import { CaptionView } from './caption-view';
import { VqaView } from './vqa-view';

type View = 'caption' | 'vqa';

export function BlipPanel() {
  const [view, setView] = useState<View>('caption');
  const load = useAppStore((state) => state.currentLoad(view));
  const { loadModel, cancelLoad, setActionPlace } = useAppStore.getState();
  const errorView = useErrorView(view, view);
  return (
    <Panel
      id="blip"
      onAct={() => setActionPlace(view)}
      accent="blip"
      title="BLIP"
      subtitle="Vision encoder + text decoder with cross-attention · generates text"
    >
      <div className="space-y-3">
        <ModelStatus
          label={view === 'caption' ? 'BLIP captioning' : 'BLIP VQA'}
          tone="blip"
          load={load}
          onLoad={() => void loadModel(view).catch(() => undefined)}
          onCancel={() => cancelLoad(view)}
          errorView={errorView}
        />
        <Tabs<View>
          label="BLIP tasks"
          selected={view}
          onSelect={setView}
          tabs={[
            { key: 'caption', label: 'Caption', content: <CaptionView /> },
            { key: 'vqa', label: 'Visual question answering', content: <VqaView /> },
          ]}
        />
      </div>
    </Panel>
  );
}
