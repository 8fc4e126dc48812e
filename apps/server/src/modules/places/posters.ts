import { drawQr, FONT_BOLD, FONT_REGULAR, MM, quietZone, renderPdf } from '../../documents/pdf-kit.js';

const A4 = { width: 595.28, height: 841.89 };
/** The QR symbol is 15 cm wide on paper (the minimum the instruction asks for), plus its quiet zone. */
export const POSTER_QR_SIZE_MM = 150;
const ACCENT = '#0b5cad';

export interface PosterContent {
  placeName: string;
  pointLabel: string;
  /** Commune, district (if any), province names, smallest first. */
  unitNames: string[];
  url: string;
  shortCode: string;
  manualEntryUrl: string;
}

function fitText(doc: PDFKit.PDFDocument, text: string, font: string, maxSize: number, minSize: number, width: number, maxLines: number): number {
  for (let size = maxSize; size > minSize; size -= 1) {
    doc.font(font).fontSize(size);
    if (doc.heightOfString(text, { width }) <= size * 1.25 * maxLines) return size;
  }
  return minSize;
}

function drawPoster(doc: PDFKit.PDFDocument, poster: PosterContent): void {
  const margin = 14 * MM;
  const width = A4.width - 2 * margin;
  doc.rect(0, 0, A4.width, 70).fill(ACCENT);
  doc.fillColor('#ffffff').font(FONT_BOLD).fontSize(20).text('ĐIỂM KIỂM DỊCH — QUÉT MÃ QR KHI RA, VÀO', margin, 16, { width, align: 'center' });
  doc.font(FONT_REGULAR).fontSize(12).text('Checkpoint — scan this QR code when you enter and when you leave', margin, 44, { width, align: 'center' });

  let y = 84;
  const nameSize = fitText(doc, poster.placeName, FONT_BOLD, 26, 14, width, 2);
  doc.fillColor('#111111').font(FONT_BOLD).fontSize(nameSize).text(poster.placeName, margin, y, { width, align: 'center' });
  y = doc.y + 2;
  doc.font(FONT_BOLD).fontSize(15).fillColor(ACCENT).text(poster.pointLabel, margin, y, { width, align: 'center' });
  y = doc.y + 1;
  doc.font(FONT_REGULAR).fontSize(11).fillColor('#333333').text(poster.unitNames.join(', '), margin, y, { width, align: 'center' });

  const qrSize = POSTER_QR_SIZE_MM * MM;
  // The standard asks for a quiet zone of four modules on every side.
  const quiet = quietZone(poster.url, qrSize);
  const qrTop = doc.y + quiet;
  drawQr(doc, poster.url, (A4.width - qrSize) / 2, qrTop, qrSize);

  y = qrTop + qrSize + quiet;
  doc.font(FONT_REGULAR).fontSize(11).fillColor('#333333').text('Không quét được? Nhập mã tay / Cannot scan? Enter the code:', margin, y, { width, align: 'center' });
  doc.font(FONT_BOLD).fontSize(24).fillColor('#111111').text(`${poster.shortCode.slice(0, 4)}-${poster.shortCode.slice(4)}`, margin, doc.y + 2, { width, align: 'center', characterSpacing: 2 });
  doc.font(FONT_REGULAR).fontSize(10).fillColor('#333333').text(poster.manualEntryUrl, margin, doc.y, { width, align: 'center' });

  y = doc.y + 10;
  const half = (width - 16) / 2;
  doc.font(FONT_BOLD).fontSize(10.5).fillColor('#111111').text('Hướng dẫn', margin, y, { width: half });
  doc.font(FONT_REGULAR).fontSize(10).text('Mở camera hoặc ứng dụng PhongDich, quét mã khi đến và khi về. Nếu không có điện thoại thông minh, đưa thẻ mã QR cá nhân để nhân viên quét.', margin, doc.y, { width: half });
  doc.font(FONT_BOLD).fontSize(10.5).text('How to', margin + half + 16, y, { width: half });
  doc.font(FONT_REGULAR).fontSize(10).text('Open the camera or the PhongDich app and scan when you arrive and when you leave. No smartphone? Show your personal QR card to the staff.', margin + half + 16, doc.y, { width: half });
}

/** Renders A4 posters, one page per QR point, as a PDF. */
export function renderPosters(posters: PosterContent[], title: string): Promise<Buffer> {
  return renderPdf({ size: 'A4', info: { Title: title, Creator: 'PhongDich' } }, (doc) => {
    for (const poster of posters) {
      doc.addPage();
      drawPoster(doc, poster);
    }
  });
}
