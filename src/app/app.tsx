import { useState } from 'react';
import { BlipPanel } from '../features/blip/blip-panel';
import { ClipPanel } from '../features/clip/clip-panel';
import { ComparePanel } from '../features/compare/compare-panel';
import { ImageStrip } from '../features/images/image-strip';
import { HostConsentDialog } from '../features/models/host-consent-dialog';
import { OfflineDemoOffer } from '../features/models/offline-demo-offer';
import { SourceBanner } from '../features/models/source-banner';
import { ActiveImageBar } from './active-image-bar';
import { Header } from './header';
import { ModelsSection } from './models-section';
import { Notices } from './notices';
import { SettingsDialog } from './settings-dialog';
import { UpdatePrompt } from './update-prompt';
import { useRuntimeBootstrap } from './use-runtime-bootstrap';

export function App() {
  useRuntimeBootstrap();
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <div className="min-h-screen">
      <a href="#images" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to images
      </a>
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <main className="mx-auto max-w-7xl space-y-4 px-4 py-4">
        <SourceBanner />
        <UpdatePrompt />
        <Notices />
        <OfflineDemoOffer />
        <ImageStrip />
        {/* Working area first: the models load on first use, so their panel comes after the tools. */}
        <ActiveImageBar />
        <div className="grid gap-4 lg:grid-cols-2">
          <ClipPanel />
          <BlipPanel />
        </div>
        <ComparePanel />
        <ModelsSection />
      </main>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <HostConsentDialog />
    </div>
  );
}
