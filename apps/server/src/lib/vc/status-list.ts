import { gunzipSync, gzipSync } from 'node:zlib';
import { base64urlnopad } from '@scure/base';

/**
 * Bitstring Status List v1.0: a list of at least 131,072 entries (16 KB) so that one holder cannot be told from
 * another; bit i is the i-th bit counting from the most significant bit of the first byte; the list is GZIP
 * compressed and multibase base64url encoded ('u' prefix, no padding).
 */

export const STATUS_LIST_SIZE = 131_072;

export function encodeStatusList(setIndexes: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = new Uint8Array(size / 8);
  for (const i of setIndexes) {
    if (i < 0 || i >= size) throw new Error(`status index out of range: ${i}`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return 'u' + base64urlnopad.encode(gzipSync(bytes));
}

export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('not base64url multibase');
  const bytes = gunzipSync(base64urlnopad.decode(encodedList.slice(1)));
  if (index < 0 || index >= bytes.length * 8) throw new Error('status index out of range');
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}
