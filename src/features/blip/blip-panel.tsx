import { useState } from 'react';
import { ModelStatus } from '../../components/ui/model-status';
import { Panel } from '../../components/ui/panel';
import { Tabs } from '../../components/ui/tabs';
import { useModelStatus } from '../../store/use-model-status';
import { CaptionView } from './caption-view';
import { VqaView } from './vqa-view';

type View = 'caption' | 'vqa';

export function BlipPanel() {
  const [view, setView] = useState<View>('caption');
  const caption = useModelStatus('caption', 'BLIP captioning', 'blip');
  const vqa = useModelStatus('vqa', 'BLIP VQA', 'blip');
  return (
    <Panel id="blip" accent="blip" title="BLIP" subtitle="Vision encoder + text decoder with cross-attention · generates text">
      <div className="space-y-3">
        <ModelStatus {...(view === 'caption' ? caption : vqa)} />
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
