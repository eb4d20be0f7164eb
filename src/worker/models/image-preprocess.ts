/**
 * Image preprocessing exactly as Hugging Face's (PIL-based) image processors
 * do it with Pillow 13: PIL's resampling, including its fixed-point arithmetic and the
 * rounding to 8 bits between the horizontal and vertical passes, then
 * rescale and normalise. Canvas resizing would be close but not equal, and
 * the golden outputs are computed by PyTorch + PIL.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, alpha already composited (ImageData layout). */
  data: Uint8ClampedArray | Uint8Array;
}

export interface RgbImage {
  width: number;
  height: number;
  /** RGB, 8 bits per channel, row-major. */
  data: Uint8Array;
}

export type Resample = 'bicubic' | 'bilinear' | 'nearest';

/** PIL resample filter ids, as stored in preprocessor_config.json. */
const PIL_RESAMPLE: Record<number, Resample> = { 0: 'nearest', 2: 'bilinear', 3: 'bicubic' };

export function resampleFromConfig(value: unknown): Resample {
  return (typeof value === 'number' && PIL_RESAMPLE[value]) || 'bicubic';
}

export function toRgb(image: RgbaImage): RgbImage {
  const pixels = image.width * image.height;
  const data = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    data[i * 3] = image.data[i * 4] ?? 0;
    data[i * 3 + 1] = image.data[i * 4 + 1] ?? 0;
    data[i * 3 + 2] = image.data[i * 4 + 2] ?? 0;
  }
  return { width: image.width, height: image.height, data };
}

const PRECISION_BITS = 32 - 8 - 2;

interface Filter {
  support: number;
  weight(x: number): number;
}

const FILTERS: Record<Exclude<Resample, 'nearest'>, Filter> = {
  bilinear: { support: 1, weight: (x) => Math.max(0, 1 - Math.abs(x)) },
  bicubic: {
    support: 2,
    weight: (value) => {
      const a = -0.5;
      const x = Math.abs(value);
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    },
  },
};

interface Coefficients {
  bounds: Int32Array;
  weights: Int32Array;
  size: number;
}

/** PIL's precompute_coeffs + normalize_coeffs_8bpc. */
function coefficients(inSize: number, outSize: number, filter: Filter): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * size);
  const row = new Float64Array(size);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    const inverse = 1 / filterScale;
    const min = Math.max(0, Math.trunc(center - support + 0.5));
    const count = Math.min(inSize, Math.trunc(center + support + 0.5)) - min;
    let total = 0;
    for (let x = 0; x < count; x++) {
      const w = filter.weight((x + min - center + 0.5) * inverse);
      row[x] = w;
      total += w;
    }
    for (let x = 0; x < count; x++) {
      const k = total !== 0 ? (row[x] as number) / total : 0;
      weights[out * size + x] = k < 0 ? Math.trunc(-0.5 + k * (1 << PRECISION_BITS)) : Math.trunc(0.5 + k * (1 << PRECISION_BITS));
    }
    bounds[out * 2] = min;
    bounds[out * 2 + 1] = count;
  }
  return { bounds, weights, size };
}

function clip8(value: number): number {
  if (value >= 1 << (PRECISION_BITS + 8)) return 255;
  if (value <= 0) return 0;
  return value >> PRECISION_BITS;
}

function resampleHorizontal(image: RgbImage, outWidth: number, filter: Filter): RgbImage {
  const { bounds, weights, size } = coefficients(image.width, outWidth, filter);
  const out = new Uint8Array(outWidth * image.height * 3);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < image.height; y++) {
    const rowIn = y * image.width * 3;
    const rowOut = y * outWidth * 3;
    for (let x = 0; x < outWidth; x++) {
      const min = bounds[x * 2] as number;
      const count = bounds[x * 2 + 1] as number;
      for (let c = 0; c < 3; c++) {
        let sum = half;
        for (let k = 0; k < count; k++) sum += (image.data[rowIn + (min + k) * 3 + c] as number) * (weights[x * size + k] as number);
        out[rowOut + x * 3 + c] = clip8(sum);
      }
    }
  }
  return { width: outWidth, height: image.height, data: out };
}

function resampleVertical(image: RgbImage, outHeight: number, filter: Filter): RgbImage {
  const { bounds, weights, size } = coefficients(image.height, outHeight, filter);
  const out = new Uint8Array(image.width * outHeight * 3);
  const half = 1 << (PRECISION_BITS - 1);
  const stride = image.width * 3;
  for (let y = 0; y < outHeight; y++) {
    const min = bounds[y * 2] as number;
    const count = bounds[y * 2 + 1] as number;
    for (let i = 0; i < stride; i++) {
      let sum = half;
      for (let k = 0; k < count; k++) sum += (image.data[(min + k) * stride + i] as number) * (weights[y * size + k] as number);
      out[y * stride + i] = clip8(sum);
    }
  }
  return { width: image.width, height: outHeight, data: out };
}

function resizeNearest(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.trunc(((y + 0.5) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.trunc(((x + 0.5) * image.width) / width));
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = image.data[(sy * image.width + sx) * 3 + c] as number;
    }
  }
  return { width, height, data: out };
}

/**
 * PIL `Image.resize(size, resample)` for 8-bit RGB images. Pillow 13 runs the
 * vertical pass first when the height shrinks by more than twice what the
 * width does; the order matters because each pass rounds to 8 bits.
 */
export function resize(image: RgbImage, width: number, height: number, resample: Resample): RgbImage {
  if (width === image.width && height === image.height) return image;
  if (resample === 'nearest') return resizeNearest(image, width, height);
  const filter = FILTERS[resample];
  const shrinkY = image.height - height;
  const horizontalFirst = !(shrinkY > 0 && shrinkY > (image.width - width) * 2);
  const horizontal = (input: RgbImage) => (width !== input.width ? resampleHorizontal(input, width, filter) : input);
  const vertical = (input: RgbImage) => (height !== input.height ? resampleVertical(input, height, filter) : input);
  return horizontalFirst ? vertical(horizontal(image)) : horizontal(vertical(image));
}

/** HF `center_crop`: offsets rounded down, as `(size - crop) // 2`. */
export function centerCrop(image: RgbImage, width: number, height: number): RgbImage {
  const top = Math.floor((image.height - height) / 2);
  const left = Math.floor((image.width - width) / 2);
  if (top < 0 || left < 0) throw new RangeError(`Cannot crop ${image.width}×${image.height} to ${width}×${height}.`);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    out.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data: out };
}

/** Output size for "shortest edge" resizing, as HF computes it (the long side is truncated). */
export function shortestEdgeSize(width: number, height: number, shortest: number): { width: number; height: number } {
  if (width <= height) return { width: shortest, height: Math.trunc((shortest * height) / width) };
  return { width: Math.trunc((shortest * width) / height), height: shortest };
}

/** Rescale and normalise into CHW float32 (`pixel_values` for one image). */
export function normalizeToChw(
  image: RgbImage,
  rescale: number | undefined,
  mean: readonly number[] | undefined,
  std: readonly number[] | undefined,
): Float32Array {
  const pixels = image.width * image.height;
  const out = new Float32Array(pixels * 3);
  for (let c = 0; c < 3; c++) {
    const m = Math.fround(mean?.[c] ?? 0);
    const s = Math.fround(std?.[c] ?? 1);
    for (let i = 0; i < pixels; i++) {
      let value = image.data[i * 3 + c] as number;
      if (rescale !== undefined) value = Math.fround(value * rescale);
      out[c * pixels + i] = mean && std ? Math.fround(Math.fround(value - m) / s) : value;
    }
  }
  return out;
}

/** The preprocessor_config.json keys the HF image processors for CLIP and BLIP use. */
export interface PreprocessorConfig {
  do_resize?: boolean;
  size?: { height?: number; width?: number; shortest_edge?: number };
  resample?: number;
  do_center_crop?: boolean;
  crop_size?: { height: number; width: number } | number;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number[];
  image_std?: number[];
}

export interface PixelValues {
  data: Float32Array;
  dims: [1, 3, number, number];
}

export function preprocessImage(image: RgbaImage, config: PreprocessorConfig): PixelValues {
  let rgb = toRgb(image);
  if (config.do_resize !== false && config.size) {
    const resample = resampleFromConfig(config.resample);
    const { size } = config;
    if (size.shortest_edge !== undefined) {
      const target = shortestEdgeSize(rgb.width, rgb.height, size.shortest_edge);
      rgb = resize(rgb, target.width, target.height, resample);
    } else if (size.height !== undefined && size.width !== undefined) {
      rgb = resize(rgb, size.width, size.height, resample);
    }
  }
  if (config.do_center_crop && config.crop_size !== undefined) {
    const crop = typeof config.crop_size === 'number' ? { height: config.crop_size, width: config.crop_size } : config.crop_size;
    rgb = centerCrop(rgb, crop.width, crop.height);
  }
  const data = normalizeToChw(
    rgb,
    config.do_rescale === false ? undefined : (config.rescale_factor ?? 1 / 255),
    config.do_normalize === false ? undefined : config.image_mean,
    config.do_normalize === false ? undefined : config.image_std,
  );
  return { data, dims: [1, 3, rgb.height, rgb.width] };
}
