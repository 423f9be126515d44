import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { PACKAGE_ROOT } from '../src/server/package-root';

/**
 * The Teams app's two icons, drawn here rather than in an editor so they can be made again exactly:
 * a group — three members on a circle — white on the accent colour and white on transparent. `npm run icons`
 * writes them to appPackage/, where they are committed.
 */

export const APP_PACKAGE_DIR = join(PACKAGE_ROOT, 'appPackage');
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

/** The manifest's accentColor, the colour icon's background. */
const ACCENT = [0x1f, 0x5c, 0x99] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** Samples per pixel along each axis: enough for smooth edges at 32×32. */
const SUPERSAMPLING = 8;

interface Motif {
  /** The circle the group sits in, as a fraction of the icon's size, and half its stroke. */
  ring: number;
  stroke: number;
  /** The members (the municipalities) on the circle. */
  dot: number;
}

/** Thicker strokes for the small outline icon, where Teams draws it at 16–32 px. */
const COLOR_MOTIF: Motif = { ring: 0.26, stroke: 0.035, dot: 0.085 };
const OUTLINE_MOTIF: Motif = { ring: 0.3, stroke: 0.06, dot: 0.13 };

/** Three members, evenly round the circle, the first at the top. */
const MEMBERS = [90, 210, 330].map((degrees) => (degrees * Math.PI) / 180);

/** Is the point (x, y), in fractions of the icon with y downwards, on the motif: a circle of three? */
function onMotif(m: Motif, x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = 0.5 - y;
  const onRing = Math.abs(Math.hypot(dx, dy) - m.ring) <= m.stroke;
  const onMember = MEMBERS.some((a) => Math.hypot(dx - m.ring * Math.cos(a), dy - m.ring * Math.sin(a)) <= m.dot);
  return onRing || onMember;
}

/** How much of each pixel the motif covers, 0–1. */
function coverage(size: number, m: Motif): Float64Array {
  const result = new Float64Array(size * size);
  const step = 1 / SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          if (onMotif(m, (px + (sx + 0.5) * step) / size, (py + (sy + 0.5) * step) / size)) hits++;
        }
      }
      result[py * size + px] = hits / (SUPERSAMPLING * SUPERSAMPLING);
    }
  }
  return result;
}

/** 192×192, full colour: the white motif on the accent colour, opaque throughout. */
export function colorIcon(): PNG {
  const png = new PNG({ width: COLOR_SIZE, height: COLOR_SIZE });
  const cover = coverage(COLOR_SIZE, COLOR_MOTIF);
  cover.forEach((c, i) => {
    for (let channel = 0; channel < 3; channel++) {
      png.data[i * 4 + channel] = Math.round(ACCENT[channel]! * (1 - c) + WHITE[channel]! * c);
    }
    png.data[i * 4 + 3] = 0xff;
  });
  return png;
}

/** 32×32 outline: white only, its edges by transparency, the rest fully transparent. */
export function outlineIcon(): PNG {
  const png = new PNG({ width: OUTLINE_SIZE, height: OUTLINE_SIZE });
  const cover = coverage(OUTLINE_SIZE, OUTLINE_MOTIF);
  cover.forEach((c, i) => {
    png.data[i * 4] = 0xff;
    png.data[i * 4 + 1] = 0xff;
    png.data[i * 4 + 2] = 0xff;
    png.data[i * 4 + 3] = Math.round(c * 0xff);
  });
  return png;
}

export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

function main(): void {
  const icons = [[ICON_FILES.color, colorIcon()], [ICON_FILES.outline, outlineIcon()]] as const;
  for (const [name, png] of icons) {
    const file = join(APP_PACKAGE_DIR, name);
    writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    console.log(`Skrev / wrote ${relative(PACKAGE_ROOT, file)} (${png.width}×${png.height})`);
  }
}

if (require.main === module) main();
