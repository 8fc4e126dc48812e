import { findBorderGate, type Declaration, type DeclarationQuery } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { drawQr, FONT_BOLD, FONT_REGULAR, MM, renderPdf } from '../../documents/pdf-kit.js';
import { writeSheet, type Column, type SheetFormat } from '../../documents/spreadsheet.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope } from '../../http/scope.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { personalQr } from '../people/index.js';
import { unitTree } from '../units/index.js';
import { findDeclaration, listDeclarations } from './declarations.repository.js';
import { openRecord } from './declarations.service.js';
import { searchDeclarations, summaryOf } from './review.service.js';

/** The province a border gate is in, in the installation's dataset. */
function gateProvince(ctx: Context, gateCode: string): string {
  const gate = findBorderGate(gateCode);
  if (!gate) throw new AppError('invalid_input', { field: 'gate' });
  return ctx.config.unitsDataset === 'vn-2021' ? gate.province2021 : gate.province2025;
}

/** Entry declarations of travellers arriving at a gate on a day, for officials of the gate's province. */
export async function arrivals(ctx: Context, actor: Actor, gateCode: string, date: string) {
  const province = gateProvince(ctx, gateCode);
  if (!unitInScope(scopeOf(actor, unitTree(ctx)), province, unitTree(ctx))) throw new AppError('out_of_scope', { field: 'gate' });
  // Travellers are filed under their destination, anywhere in the country: the gate, not the
  // address, decides who sees them here.
  const { rows } = await listDeclarations(ctx.db, { where: [], kind: 'entry', gateCode, arrivalDate: date, limit: 2000, offset: 0 });
  await recordPersonalDataRead(ctx, actor, rows.map((r) => ({ type: 'declaration', id: r.id, unitCode: province })), 'arrivals');
  return rows.map((row) => summaryOf(ctx, row, openRecord(ctx, row)));
}

/**
 * A printable confirmation of an entry declaration with the traveller's personal QR, for officials
 * of the gate's province (or of the traveller's address).
 */
export async function arrivalConfirmation(ctx: Context, actor: Actor, id: string): Promise<Buffer> {
  const row = await findDeclaration(ctx.db, id);
  if (!row || row.kind !== 'entry' || !row.gate_code) throw new AppError('not_found');
  const scope = scopeOf(actor, unitTree(ctx));
  const tree = unitTree(ctx);
  if (!unitInScope(scope, gateProvince(ctx, row.gate_code), tree) && !unitInScope(scope, row.commune_code ?? row.province_code, tree)) throw new AppError('out_of_scope');
  const declaration = openRecord(ctx, row) as Extract<Declaration, { gateCode: string }>;
  await recordPersonalDataRead(ctx, actor, [{ type: 'declaration', id: row.id, unitCode: row.commune_code }], 'arrivals.confirmation');
  const gate = findBorderGate(declaration.gateCode);
  const qr = (await personalQr(ctx, row.subject_id)).token;
  return renderPdf({ size: 'A5', info: { Title: 'Xác nhận khai báo y tế nhập cảnh', Creator: 'PhongDich' } }, (doc) => {
    doc.addPage();
    const width = 148 * MM - 20 * MM;
    doc.font(FONT_BOLD).fontSize(14).text('XÁC NHẬN ĐÃ KHAI BÁO Y TẾ NHẬP CẢNH', 10 * MM, 12 * MM, { width, align: 'center' });
    doc.font(FONT_REGULAR).fontSize(10).text('Entry health declaration — confirmation', { width, align: 'center' });
    doc.moveDown();
    const lines: Array<[string, string]> = [
      ['Họ tên / Name', declaration.person.fullName],
      ['Giấy tờ / Document', declaration.person.idNumber ?? ''],
      ['Cửa khẩu / Gate', gate ? `${gate.vi} / ${gate.en}` : declaration.gateCode],
      ['Ngày nhập cảnh / Date of entry', declaration.entryDate.split('-').reverse().join('/')],
      ['Mã tờ khai / Declaration', row.id.slice(-12).toUpperCase()],
    ];
    for (const [label, value] of lines) doc.font(FONT_BOLD).fontSize(10).text(`${label}: `, 10 * MM, doc.y, { continued: true, width }).font(FONT_REGULAR).text(value);
    const size = 60 * MM;
    const top = doc.y + 8 * MM;
    drawQr(doc, qr, (148 * MM - size) / 2, top, size);
    doc.font(FONT_REGULAR).fontSize(9).text('Mã QR cá nhân — đưa cho nhân viên quét khi ra vào. Personal QR — show it at checkpoints.', 10 * MM, top + size + 8 * MM, { width, align: 'center' });
  });
}

const EXPORT_COLUMNS: Column[] = [
  { key: 'submittedAt', heading: 'Thời gian khai báo' },
  { key: 'kind', heading: 'Loại tờ khai' },
  { key: 'fullName', heading: 'Họ và tên' },
  { key: 'phone', heading: 'Số điện thoại' },
  { key: 'communeName', heading: 'Xã/phường' },
  { key: 'flagged', heading: 'Có dấu hiệu nguy cơ' },
  { key: 'flagReasons', heading: 'Lý do' },
];

const KIND_LABEL: Record<string, string> = { domestic: 'Khai báo nội địa', daily_update: 'Cập nhật hằng ngày', entry: 'Nhập cảnh', movement: 'Di chuyển nội địa', medical_facility: 'Tại cơ sở y tế' };
const REASON_LABEL: Record<string, string> = { any_symptom: 'Có triệu chứng', contact_with_case: 'Tiếp xúc ca bệnh', arrival_from_affected_area: 'Đến từ vùng dịch', vulnerable_with_symptoms: 'Người dễ tổn thương có triệu chứng' };

/** The filtered declarations as XLSX or CSV with Vietnamese headings (each row's read is audited). */
export async function exportDeclarations(ctx: Context, actor: Actor, query: DeclarationQuery, format: SheetFormat): Promise<Buffer> {
  const { items } = await searchDeclarations(ctx, actor, { ...query, limit: 500, offset: 0 });
  const all = [...items];
  for (let offset = 500; all.length === offset && offset < 50_000; offset += 500) all.push(...(await searchDeclarations(ctx, actor, { ...query, limit: 500, offset })).items);
  const rows = all.map((d) => ({
    submittedAt: new Date(d.submittedAt + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
    kind: KIND_LABEL[d.kind] ?? d.kind,
    fullName: d.fullName,
    phone: d.phone?.replace(/^\+84/, '0') ?? '',
    communeName: d.communeName,
    flagged: d.flagged ? 'Có' : 'Không',
    flagReasons: d.flagReasons.map((r) => REASON_LABEL[r] ?? r).join('; '),
  }));
  return writeSheet(format, 'Tờ khai y tế', EXPORT_COLUMNS, rows);
}
