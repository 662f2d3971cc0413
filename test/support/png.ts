/**
 * Decodes a PNG far enough to prove it is one: the signature, the IHDR size and colour type, and the IDAT
 * stream inflated to exactly one filter byte plus the pixels of every row.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bytes per pixel by PNG colour type (8-bit channels): grey, RGB, palette, grey+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): { width: number; height: number; pixelBytes: number } {
  const buffer = Buffer.from(bytes);
  if (!SIGNATURE.every((b, i) => buffer[i] === b)) throw new Error('not a PNG: bad signature');
  let width = 0;
  let height = 0;
  let perPixel = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error(`unexpected bit depth ${body[8]}`);
      perPixel = CHANNELS[body[9] ?? -1] ?? 0;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== height * (1 + width * perPixel)) throw new Error(`IDAT holds ${pixels.length} bytes, expected ${height * (1 + width * perPixel)}`);
  return { width, height, pixelBytes: pixels.length };
}
