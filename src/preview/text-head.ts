// Reads the head of a text object and decodes it as strict UTF-8: a Latin-1 or binary file is an
// error the user can see, never silently mangled accents.
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';

export interface TextHead {
  text: string;
  /** False when the object is longer than what was read (the last line may be cut). */
  complete: boolean;
}

export async function readTextHead(store: ZoneStore, zone: Zone, key: string, size: number, maxBytes: number): Promise<TextHead> {
  const bytes = await store.readRange(zone, key, 0, Math.min(size, maxBytes));
  const complete = bytes.length >= size;
  // A multi-byte character may straddle the cut: drop the bytes after the last newline.
  const usable = complete ? bytes : bytes.subarray(0, lastNewline(bytes) + 1);
  return { text: strictUtf8(usable, `${zone}/${key}`, 0).replace(/^\uFEFF/, ''), complete };
}

/** Bytes found at `start` in the object `name`, as text; not UTF-8 is an error naming the byte. */
export function strictUtf8(bytes: Uint8Array, name: string, start: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const offset = start + firstInvalidUtf8(bytes) + 1;
    throw new LakeError(
      'bad-input',
      `${name} is not valid UTF-8 (byte ${offset}): is it Latin-1 encoded? Convert it with 'iconv -f latin1 -t utf-8'`,
      { cause: error },
    );
  }
}

function lastNewline(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i -= 1) if (bytes[i] === 0x0a) return i;
  return bytes.length - 1;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest valid prefix (allowing a cut multi-byte sequence at its end).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // A sequence cut at the end of that prefix passed as valid: the error is at its first byte.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, low));
  } catch {
    while (low > 0 && (bytes[low - 1] & 0xc0) === 0x80) low -= 1;
    low -= 1;
  }
  return low;
}
