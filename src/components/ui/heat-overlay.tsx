/**
 * A patch grid drawn as translucent squares over the image it was computed on (issue 14): BLIP attention
 * (probabilities, scaled from 0 to the grid's maximum) or CLIP patch cosines (scaled from minimum to maximum).
 * The values themselves sit on `data-grid` for tests and exports.
 */
export interface Grid {
  side: number;
  values: number[];
}

/** 0 to 1 per patch, as drawn (the PNG export draws the same). */
export function intensities(values: readonly number[], range: 'zero-max' | 'min-max'): number[] {
  const max = Math.max(...values);
  const min = range === 'min-max' ? Math.min(...values) : 0;
  const span = Math.max(max - min, Number.EPSILON);
  return values.map((value) => (value - min) / span);
}

/** Shared with the PNG export, so the file looks like the page. */
export const heatColour = (intensity: number) => `rgba(239, 68, 68, ${intensity})`;

function HeatGrid({ grid, opacity, label, range }: { grid: Grid; opacity: number; label: string; range: 'zero-max' | 'min-max' }) {
  return (
    <div
      role="img"
      aria-label={label}
      data-grid={JSON.stringify(grid.values)}
      data-side={grid.side}
      className="absolute inset-0 grid"
      style={{ gridTemplateColumns: `repeat(${grid.side}, 1fr)`, opacity }}
    >
      {intensities(grid.values, range).map((value, i) => (
        <span key={i} style={{ backgroundColor: heatColour(value) }} />
      ))}
    </div>
  );
}

export function HeatOverlay({
  imageUrl,
  grid,
  opacity,
  label,
  small = false,
  range = 'zero-max',
  crop = false,
}: {
  imageUrl: string;
  grid: Grid;
  opacity: number;
  label: string;
  small?: boolean;
  range?: 'zero-max' | 'min-max';
  /** The model saw a centre crop (CLIP: shortest side resized, then cropped); otherwise the whole image squashed (BLIP). */
  crop?: boolean;
}) {
  return (
    <div className={`relative ${small ? 'h-14 w-14' : 'w-full max-w-xs'} shrink-0 overflow-hidden rounded`}>
      <img src={imageUrl} alt="" className={`${small ? 'h-14 w-14' : 'aspect-square w-full'} ${crop ? 'object-cover' : 'object-fill'}`} />
      <HeatGrid grid={grid} opacity={opacity} label={label} range={range} />
    </div>
  );
}

/** The overlay's opacity, 0 to 1. */
export function OpacitySlider({
  label,
  value,
  onChange,
  className = '',
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  className?: string;
}) {
  return (
    <label className={className}>
      <span className="mr-1">Opacity</span>
      <input aria-label={label} type="range" min={0} max={1} step={0.05} value={value} onChange={(event) => onChange(Number(event.target.value))} />
    </label>
  );
}
