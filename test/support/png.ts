/**
 * Decodes a PNG far enough to prove it is one (the signature, the IHDR size and colour type, and the IDAT
 * stream inflated to exactly one filter byte plus the pixels of every row), and far enough to read its pixels
 * back (8-bit RGB or RGBA, any row filter).
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bytes per pixel by PNG colour type (8-bit channels): grey, RGB, palette, grey+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Decoded {
  width: number;
  height: number;
  colourType: number;
  perPixel: number;
  /** The inflated IDAT stream: per row, a filter byte then the row's filtered bytes. */
  pixels: Buffer;
}

function decode(bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes);
  if (!SIGNATURE.every((b, i) => buffer[i] === b)) throw new Error('not a PNG: bad signature');
  let width = 0;
  let height = 0;
  let colourType = -1;
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
      colourType = body[9] ?? -1;
      perPixel = CHANNELS[colourType] ?? 0;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== height * (1 + width * perPixel)) throw new Error(`IDAT holds ${pixels.length} bytes, expected ${height * (1 + width * perPixel)}`);
  return { width, height, colourType, perPixel, pixels };
}

export function decodePng(bytes: Uint8Array): { width: number; height: number; pixelBytes: number } {
  const { width, height, pixels } = decode(bytes);
  return { width, height, pixelBytes: pixels.length };
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
  return a <= b && a <= c ? left : b <= c ? up : upLeft;
}

/** The colour of each pixel of an RGB or RGBA PNG as `#rrggbb` (alpha left out), rows unfiltered. */
export function pngColours(bytes: Uint8Array): { width: number; height: number; colourAt: (x: number, y: number) => string } {
  const { width, height, colourType, perPixel, pixels } = decode(bytes);
  if (colourType !== 2 && colourType !== 6) throw new Error(`colour type ${colourType}: only RGB and RGBA are read`);
  const stride = width * perPixel;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = pixels[y * (stride + 1)];
    for (let i = 0; i < stride; i += 1) {
      const raw = pixels[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= perPixel ? (rows[y * stride + i - perPixel] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= perPixel ? (rows[(y - 1) * stride + i - perPixel] ?? 0) : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : filter === 4 ? paeth(left, up, upLeft) : NaN;
      if (Number.isNaN(predicted)) throw new Error(`row ${y}: unknown filter ${filter}`);
      rows[y * stride + i] = (raw + predicted) & 0xff;
    }
  }
  const colourAt = (x: number, y: number): string => {
    const at = y * stride + x * perPixel;
    return `#${[...rows.subarray(at, at + 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  };
  return { width, height, colourAt };
}
