/**
 * Numeric helpers shared by both threads: softmax and friends for generation
 * and CLIP probabilities, cosine similarity and L2 normalisation for
 * embeddings. Rows are float32 or plain numbers; work is done in float64.
 */

/** log_softmax of `row` into `out` (same length). -Infinity entries stay -Infinity. */
export function logSoftmaxInto(row: Float32Array, out: Float32Array): void {
  const max = maxOf(row);
  if (max === -Infinity) {
    out.fill(-Infinity);
    return;
  }
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i]! - max);
  const shift = max + Math.log(sum);
  for (let i = 0; i < row.length; i++) out[i] = row[i]! - shift;
}

/** softmax in float64; a row of all -Infinity gives all zeros. */
export function softmax(row: ArrayLike<number>): Float64Array {
  const out = new Float64Array(row.length);
  const max = maxOf(row);
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    const e = Math.exp(row[i]! - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** Index of the first maximum, like torch.argmax. */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

function maxOf(row: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
  return max;
}

/**
 * Indices of the k largest values, largest first; equal values keep index order. O(n·k) worst case but
 * close to O(n) in practice, which beats sorting a [beams × vocab] row for the small k beam search uses.
 */
export function topKIndices(values: ArrayLike<number>, k: number): number[] {
  const count = Math.min(k, values.length);
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (idx.length === count && !(v > values[idx[count - 1]!]!)) continue;
    let pos = idx.length === count ? count - 1 : idx.length;
    while (pos > 0 && v > values[idx[pos - 1]!]!) pos--;
    if (idx.length === count) idx.pop();
    idx.splice(pos, 0, i);
  }
  return idx;
}

/** Euclidean norm. */
export function l2Norm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}

/** A unit-length copy (a zero vector stays zero). */
export function l2Normalize(vector: ArrayLike<number>): Float32Array {
  const norm = l2Norm(vector);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`Vectors differ in length: ${a.length} and ${b.length}.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Cosine similarity, as CLIP compares image and text embeddings. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const denominator = l2Norm(a) * l2Norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}
