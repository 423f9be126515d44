import AdmZip from 'adm-zip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { APP_PACKAGE_DIR, colorIcon, outlineIcon } from '../../scripts/make-icons';
import { buildAppPackage } from '../../scripts/package-app';
import { PACKAGE_ENV } from './support';

function png(data: Buffer): PNG {
  return PNG.sync.read(data);
}

function pixels(image: PNG): { r: number; g: number; b: number; a: number }[] {
  const result = [];
  for (let i = 0; i < image.data.length; i += 4) {
    result.push({ r: image.data[i]!, g: image.data[i + 1]!, b: image.data[i + 2]!, a: image.data[i + 3]! });
  }
  return result;
}

describe('appPackage.zip', () => {
  let zip: AdmZip;
  let manifest: Record<string, unknown>;
  beforeAll(async () => {
    const built = await buildAppPackage(PACKAGE_ENV);
    zip = new AdmZip(built.zip);
    manifest = built.manifest;
  });

  function entry(name: string): Buffer {
    const found = zip.getEntry(name);
    if (!found) throw new Error(`${name} is not in the zip`);
    return found.getData();
  }

  it('holds manifest.json at its root, the two icons and the English strings, nothing else', () => {
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    expect(zip.getEntries().every((e) => !e.isDirectory)).toBe(true);
  });

  it('holds the filled manifest, whose files are all in it', () => {
    const inZip = JSON.parse(entry('manifest.json').toString('utf8')) as { icons: { color: string; outline: string } };
    expect(inZip).toEqual(manifest);
    expect(zip.getEntry(inZip.icons.color)).not.toBeNull();
    expect(zip.getEntry(inZip.icons.outline)).not.toBeNull();
    expect(entry('en.json')).toEqual(readFileSync(join(APP_PACKAGE_DIR, 'en.json')));
  });

  it('has a full-colour 192×192 icon, opaque throughout', () => {
    const color = png(entry('color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const all = pixels(color);
    expect(all.every((p) => p.a === 255)).toBe(true);
    expect(new Set(all.map((p) => `${p.r},${p.g},${p.b}`)).size).toBeGreaterThan(2);
  });

  it('has a 32×32 outline icon: every pixel white with any alpha, or fully transparent', () => {
    const outline = png(entry('outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const all = pixels(outline);
    expect(all.filter((p) => p.a !== 0 && !(p.r === 255 && p.g === 255 && p.b === 255))).toEqual([]);
    expect(all.some((p) => p.a === 0)).toBe(true);
    expect(all.some((p) => p.a === 255)).toBe(true);
  });

  it('has the icons scripts/make-icons.ts draws (npm run icons after changing it)', () => {
    expect(png(entry('color.png')).data).toEqual(colorIcon().data);
    expect(png(entry('outline.png')).data).toEqual(outlineIcon().data);
  });
});
