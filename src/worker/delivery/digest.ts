/** Content checks for downloaded files: SHA-256 and the Hub's git blob ids. */
import { toHex } from '../../shared/hex';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export async function gitBlobOid(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const data = new Uint8Array(header.length + bytes.length);
  data.set(header, 0);
  data.set(bytes, header.length);
  return toHex(await crypto.subtle.digest('SHA-1', data));
}
