/**
 * The cheap part of proving a file: what its consumer would reject at once.
 * JSON must parse to an object; a model graph must not be a text or HTML page
 * (a host without a file list may answer any path with its index page, and
 * without a hash or size nothing else would notice). The expensive part, an
 * ONNX session that creates, happens in the model manager.
 */
export function contentProblem(path: string, bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (path.endsWith('.json')) return jsonProblem(bytes);
  if (path.endsWith('.onnx') && looksLikeText(bytes)) return `it starts with “${preview(bytes)}”, a text or web page, not an ONNX model`;
  return undefined;
}

function jsonProblem(bytes: Uint8Array): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    const markup = looksLikeText(bytes) && firstCharacter(bytes) === '<';
    return markup ? 'it is a web page, not JSON' : `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? undefined : 'it is JSON, but not an object';
}

/** ONNX files are protobuf: they begin with a field tag byte, never with `<` or `{`. */
function looksLikeText(bytes: Uint8Array): boolean {
  const first = firstCharacter(bytes);
  return first === '<' || first === '{';
}

function firstCharacter(bytes: Uint8Array): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  return head.charAt(0);
}

function preview(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes.subarray(0, 64)).trim().slice(0, 24);
}
