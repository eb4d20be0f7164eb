import type { ImgHTMLAttributes } from 'react';

/** Below this many pixels a side, a smoothed, cropped thumbnail is a blur or a blank box. */
const TINY = 32;

/** A light checkerboard: transparent or letterboxed areas read as "no pixels", not as a white image. */
const CHECKER = 'repeating-conic-gradient(#e2e8f0 0% 25%, #ffffff 0% 50%)';

export interface ThumbnailProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, 'width' | 'height'> {
  src: string;
  alt: string;
  /** The image's own size, which decides how it is scaled. */
  pixelWidth: number;
  pixelHeight: number;
}

/**
 * An image preview that stays visible at any size: a 1×1 white image used to
 * show as an empty white box. Tiny images are scaled up without smoothing,
 * whole (not cropped), over a checkerboard inside a border.
 */
export function Thumbnail({ src, alt, pixelWidth, pixelHeight, className = '', style, ...rest }: ThumbnailProps) {
  const tiny = pixelWidth < TINY || pixelHeight < TINY;
  return (
    <img
      src={src}
      alt={alt}
      data-tiny={tiny || undefined}
      className={`${className} border border-slate-300 ${tiny ? 'object-contain' : 'object-cover'}`}
      style={{ backgroundImage: CHECKER, backgroundSize: '12px 12px', ...(tiny ? { imageRendering: 'pixelated' } : {}), ...style }}
      {...rest}
    />
  );
}
