import { useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { Message } from '../../components/ui/message';
import { Panel } from '../../components/ui/panel';
import { useAppStore } from '../../store/store';
import { CameraCapture } from './camera-capture';
import { DropOverlay } from './drop-overlay';
import { ForgetImagesButton } from './forget-images-button';
import { RejectionList } from './rejection-list';
import { SampleGallery } from './sample-gallery';
import { ThumbnailList } from './thumbnail-list';
import { useGlobalFileDrop } from './use-global-file-drop';
import { useImageIntake } from './use-image-intake';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,image/bmp,image/avif,.jpg,.jpeg,.png,.gif,.webp,.bmp,.avif';

export function ImageStrip() {
  const addFiles = useImageIntake();
  const dragging = useGlobalFileDrop(addFiles);
  const inputRef = useRef<HTMLInputElement>(null);
  const [showSamples, setShowSamples] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const duplicateNotice = useAppStore((state) => state.duplicateNotice);
  const dismissDuplicateNotice = useAppStore((state) => state.dismissDuplicateNotice);
  const imageCount = useAppStore((state) => state.images.length);
  const loading = useAppStore((state) => state.imagesLoading);

  const actions = (
    <div className="flex flex-wrap gap-2">
      <Button variant="primary" onClick={() => inputRef.current?.click()}>
        Add images
      </Button>
      <Button aria-expanded={showSamples || imageCount === 0} onClick={() => setShowSamples((shown) => !shown)}>
        Sample images
      </Button>
      <ForgetImagesButton />
    </div>
  );

  return (
    <Panel
      id="images"
      title="Images"
      subtitle="Drop, paste (Ctrl+V) or add photos. They never leave your device; this browser keeps them across reloads until you forget them."
      actions={actions}
    >
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Choose image files"
        className="sr-only"
        tabIndex={-1}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          void addFiles(files, 'file');
        }}
      />
      <DropOverlay visible={dragging} />
      <div className="space-y-3">
        {loading > 0 ? (
          <p role="status" className="text-sm text-slate-600">
            Decoding {loading} {loading === 1 ? 'image' : 'images'}…
          </p>
        ) : null}
        <CameraCapture onFiles={(files) => addFiles(files, 'file')} />
        <RejectionList />
        {duplicateNotice ? (
          <Message tone="info" onDismiss={dismissDuplicateNotice} dismissLabel="Dismiss the note about duplicates">
            {duplicateNotice}
          </Message>
        ) : null}
        <ThumbnailList focusRequest={focusRequest} />
        {imageCount === 0 || showSamples ? (
          <SampleGallery onFiles={(files) => addFiles(files, 'sample')} onAdded={() => setFocusRequest((count) => count + 1)} />
        ) : null}
      </div>
    </Panel>
  );
}
