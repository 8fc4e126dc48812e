import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';

// pdfkit and qrcode load on the first document: most server processes never print one, and they
// weigh tens of megabytes in memory.
let QRCode: typeof QRCodeModule | undefined;

function qrCode(): typeof QRCodeModule {
  if (!QRCode) throw new Error('drawing outside renderPdf');
  return QRCode;
}

const require = createRequire(import.meta.url);
// Be Vietnam Pro was drawn for Vietnamese diacritics; the full TTFs carry every glyph (OFL-1.1).
export const FONT_REGULAR = require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf');
export const FONT_BOLD = require.resolve('@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf');

export const MM = 72 / 25.4;

/** A QR symbol drawn as vector rectangles; returns the width of the four-module quiet zone it needs. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): number {
  const qr = qrCode().create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  doc.save().fillColor('#000000');
  // One rectangle per horizontal run of dark modules keeps the file small and the edges crisp.
  for (let row = 0; row < count; row++) {
    let runStart = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.modules.get(row, col) === 1;
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        doc.rect(x + runStart * cell, y + row * cell, (col - runStart) * cell, cell);
        runStart = -1;
      }
    }
  }
  doc.fill().restore();
  return 4 * cell;
}

/** The quiet zone (four modules) a QR of this text needs at this size. */
export function quietZone(text: string, size: number): number {
  return (4 * size) / qrCode().create(text, { errorCorrectionLevel: 'M' }).modules.size;
}

/** Renders pages with pdfkit into one PDF buffer. */
export async function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const [{ default: PDFDocument }, qrcode] = await Promise.all([import('pdfkit'), import('qrcode')]);
  QRCode = qrcode.default;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ margin: 0, autoFirstPage: false, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
