import { drawQr, FONT_BOLD, FONT_REGULAR, MM, quietZone, renderPdf } from '../../documents/pdf-kit.js';

/** The QR on a printed card is 6 cm wide: above the 5 cm that cheap cameras read from a card. */
export const CARD_QR_SIZE_MM = 60;
const CARD = { width: 90 * MM, height: 130 * MM };

/**
 * A personal QR card for someone without a smartphone: staff scan it at checkpoints. The name is
 * partly masked, as on screen: the card may be lost, and the QR is what identifies.
 */
export function renderPersonalCard(card: { token: string; name: string; phoneMasked: string | null }): Promise<Buffer> {
  return renderPdf({ size: [CARD.width, CARD.height], info: { Title: 'Mã QR cá nhân', Creator: 'PhongDich' } }, (doc) => {
    doc.addPage();
    const width = CARD.width - 12 * MM;
    doc.rect(0, 0, CARD.width, 20 * MM).fill('#0b5cad');
    doc.fillColor('#ffffff').font(FONT_BOLD).fontSize(12).text('MÃ QR CÁ NHÂN', 6 * MM, 5 * MM, { width, align: 'center' });
    doc.font(FONT_REGULAR).fontSize(8).text('Personal QR code — PhongDich', 6 * MM, 11.5 * MM, { width, align: 'center' });
    const size = CARD_QR_SIZE_MM * MM;
    const top = 20 * MM + quietZone(card.token, size);
    drawQr(doc, card.token, (CARD.width - size) / 2, top, size);
    let y = top + size + quietZone(card.token, size);
    doc.fillColor('#111111').font(FONT_BOLD).fontSize(12).text(card.name, 6 * MM, y, { width, align: 'center' });
    if (card.phoneMasked) doc.font(FONT_REGULAR).fontSize(10).text(card.phoneMasked, 6 * MM, doc.y, { width, align: 'center' });
    y = doc.y + 2 * MM;
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#333333').text('Đưa thẻ này cho nhân viên quét khi ra, vào. Show this card to the staff when you enter and leave.', 6 * MM, y, { width, align: 'center' });
  });
}
