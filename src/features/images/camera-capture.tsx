import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { Message } from '../../components/ui/message';

export interface CameraCaptureProps {
  onFiles(files: File[]): Promise<void>;
}

/** Why the camera did not start, in words a user can act on. */
function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Camera access was refused. Allow the camera for this site (the camera icon in the address bar or the site settings), then press Take a photo again — or add a photo file with Add images.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found on this device. Add a photo file with Add images instead.';
  if (name === 'NotReadableError') return 'The camera is in use by another application. Close it, then try again.';
  return `The camera could not be started (${error instanceof Error ? error.message : String(error)}). Add a photo file with Add images instead.`;
}

/**
 * "Take a photo": a live preview from getUserMedia and a Capture button. The
 * browser asks for permission on the first press; a refusal or a missing
 * camera is explained rather than silently doing nothing.
 */
export function CameraCapture({ onFiles }: CameraCaptureProps) {
  const [stream, setStream] = useState<MediaStream>();
  const [problem, setProblem] = useState<string>();
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (video && stream) video.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  async function start() {
    setProblem(undefined);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem(
        'This browser offers no camera to this page (it needs HTTPS and a browser with camera support). Add a photo file with Add images instead.',
      );
      return;
    }
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }));
    } catch (error) {
      setProblem(cameraProblem(error));
    }
  }

  async function capture() {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    setStream(undefined);
    if (!blob) {
      setProblem('The photo could not be encoded. Try again.');
      return;
    }
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    await onFiles([new File([blob], `camera-${stamp}.jpg`, { type: 'image/jpeg' })]);
  }

  return (
    <div className="space-y-2">
      {stream ? (
        <div className="space-y-2 rounded-md border border-slate-200 p-2">
          <video ref={videoRef} autoPlay playsInline muted aria-label="Camera preview" className="max-h-64 w-full rounded bg-slate-900 object-contain" />
          <div className="flex gap-2">
            <Button variant="primary" onClick={() => void capture()}>
              Capture photo
            </Button>
            <Button onClick={() => setStream(undefined)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Button onClick={() => void start()}>Take a photo</Button>
      )}
      {problem ? (
        <div role="alert">
          <Message tone="warning" onDismiss={() => setProblem(undefined)} dismissLabel="Dismiss the camera message">
            {problem}
          </Message>
        </div>
      ) : null}
    </div>
  );
}
