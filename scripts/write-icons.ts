/**
 * Writes the app's PNG icons (public/icon-192.png, public/icon-512.png) from the same drawing as
 * public/icon.svg: a blue rounded square with three white bars and an amber "returned" bar.
 * Run once after changing the drawing (`npx tsx scripts/write-icons.ts`); the PNGs are committed.
 * A plain PNG encoder (zlib + CRC), so no image package is needed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
interface Box { x: number; y: number; w: number; h: number; r: number; color: Rgb }

// In the SVG's 512-unit viewBox; keep the two in step.
const BACKGROUND: Box = { x: 0, y: 0, w: 512, h: 512, r: 96, color: [29, 78, 216] };
const BARS: Box[] = [
  { x: 96, y: 232, w: 72, h: 184, r: 12, color: [255, 255, 255] },
  { x: 220, y: 136, w: 72, h: 280, r: 12, color: [255, 255, 255] },
  { x: 344, y: 296, w: 72, h: 120, r: 12, color: [251, 191, 36] },
];

/** Whether a point lies inside a rounded rectangle. */
function inside(b: Box, x: number, y: number): boolean {
  if (x < b.x || y < b.y || x > b.x + b.w || y > b.y + b.h) return false;
  const cx = Math.min(Math.max(x, b.x + b.r), b.x + b.w - b.r);
  const cy = Math.min(Math.max(y, b.y + b.r), b.y + b.h - b.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= b.r ** 2;
}

/** RGBA pixels, 4×4 samples per pixel for smooth edges. */
function draw(size: number): Buffer {
  const scale = 512 / size;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let s = 0; s < 16; s++) {
        const x = (px + ((s % 4) + 0.5) / 4) * scale;
        const y = (py + (Math.floor(s / 4) + 0.5) / 4) * scale;
        if (!inside(BACKGROUND, x, y)) continue;
        const color = BARS.find((b) => inside(b, x, y))?.color ?? BACKGROUND.color;
        for (let c = 0; c < 3; c++) sum[c]! += color[c]!;
        sum[3]! += 255;
      }
      const covered = sum[3]! / 255;
      const at = row + 1 + px * 4;
      for (let c = 0; c < 3; c++) rows[at + c] = covered ? Math.round(sum[c]! / covered) : 0;
      rows[at + 3] = Math.round(sum[3]! / 16);
    }
  }
  return rows;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(draw(size), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
for (const size of [192, 512]) writeFileSync(path.join(publicDir, `icon-${size}.png`), png(size));
