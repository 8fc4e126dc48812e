import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Renders each page of a PDF at 150 dpi (poppler) and decodes the QR code on it, as a phone would. */
export function qrCodesInPdf(pdf: Buffer): Array<string | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-e2e-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'file.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', path.join(dir, 'file.pdf'), path.join(dir, 'page')]);
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((page) => {
        const png = PNG.sync.read(fs.readFileSync(path.join(dir, page)));
        return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
