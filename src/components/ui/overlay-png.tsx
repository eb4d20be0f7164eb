/**
 * PNG export of a heat overlay (issue 14): the image and its patch grid drawn on a canvas the way the page
 * draws them (same colour, intensity scaling and opacity; CLIP's centre crop or BLIP's squash to a square).
 */
import { useState } from 'react';
import { heatColour, intensities, type Grid } from './heat-overlay';

export interface OverlayDrawing {
  imageUrl: string;
  grid: Grid;
  opacity: number;
  range: 'zero-max' | 'min-max';
  crop: boolean;
}

/** A square PNG whose side is the image's shorter side, so no pixel is invented. */
export async function overlayPng({ imageUrl, grid, opacity, range, crop }: OverlayDrawing): Promise<Blob> {
  const image = new Image();
  image.src = imageUrl;
  await image.decode();
  const { naturalWidth: width, naturalHeight: height } = image;
  const side = Math.min(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so the map cannot be saved as PNG.');
  if (crop) context.drawImage(image, (width - side) / 2, (height - side) / 2, side, side, 0, 0, side, side);
  else context.drawImage(image, 0, 0, side, side);
  context.globalAlpha = opacity;
  const cell = side / grid.side;
  intensities(grid.values, range).forEach((value, i) => {
    context.fillStyle = heatColour(value);
    // Whole-pixel edges, so neighbouring cells do not leave seams.
    const x0 = Math.round((i % grid.side) * cell);
    const y0 = Math.round(Math.floor(i / grid.side) * cell);
    context.fillRect(x0, y0, Math.round(((i % grid.side) + 1) * cell) - x0, Math.round((Math.floor(i / grid.side) + 1) * cell) - y0);
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the map as PNG.'))), 'image/png'),
  );
}

/** `save` hands the PNG on (the features download it: this layer does not reach the browser's download helper). */
export function ExportPngButton({ drawing, save: onBlob }: { drawing: OverlayDrawing; save: (png: Blob) => void }) {
  const [error, setError] = useState<string>();
  async function save() {
    try {
      setError(undefined);
      onBlob(await overlayPng(drawing));
    } catch (cause) {
      setError(`The PNG export failed: ${cause instanceof Error ? cause.message : String(cause)} Try the JSON export instead.`);
    }
  }
  return (
    <>
      <button type="button" className="rounded border border-slate-300 px-2 py-0.5" onClick={() => void save()}>
        Export map (PNG)
      </button>
      {error ? (
        <span role="alert" className="block text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
