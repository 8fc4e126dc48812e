import type { Case, Contact } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { writeSheet, type Column, type SheetFormat } from '../../documents/spreadsheet.js';
import { contactsOfCase, searchCases } from './cases.service.js';

const CLASSIFICATION: Record<string, string> = { suspected: 'Nghi ngờ', probable: 'Có thể', confirmed: 'Xác định' };
const OUTCOME: Record<string, string> = { active: 'Đang điều trị', recovered: 'Khỏi bệnh', deceased: 'Tử vong' };
const RESULT: Record<string, string> = { pending: 'Chờ kết quả', positive: 'Dương tính', negative: 'Âm tính' };
const SOURCE: Record<string, string> = { presence: 'Quét mã QR cùng nơi', movement: 'Cùng chuyến đi', bluetooth: 'Bluetooth', interview: 'Điều tra dịch tễ', household: 'Cùng hộ gia đình' };
const STATUS: Record<string, string> = { new: 'Mới phát hiện', quarantined: 'Đang cách ly', released: 'Hết cách ly', became_case: 'Đã thành ca bệnh', lost: 'Mất liên lạc' };
const FOLLOWUP: Record<string, string> = { well: 'Bình thường', unwell: 'Có triệu chứng', not_reached: 'Không liên lạc được' };

function localTime(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function phone(value: string | null): string {
  return value?.replace(/^\+84/, '0') ?? '';
}

const CASE_COLUMNS: Column[] = [
  { key: 'code', heading: 'Mã ca bệnh' },
  { key: 'fullName', heading: 'Họ tên' },
  { key: 'phone', heading: 'Điện thoại' },
  { key: 'commune', heading: 'Xã/phường' },
  { key: 'classification', heading: 'Phân loại' },
  { key: 'onsetDate', heading: 'Ngày khởi phát' },
  { key: 'testDate', heading: 'Ngày xét nghiệm' },
  { key: 'testResult', heading: 'Kết quả xét nghiệm' },
  { key: 'isolationDate', heading: 'Ngày cách ly' },
  { key: 'isolationPlace', heading: 'Nơi cách ly, điều trị' },
  { key: 'outcome', heading: 'Tình trạng' },
  { key: 'infectious', heading: 'Thời kỳ lây nhiễm' },
  { key: 'knownContact', heading: 'Đã là F trước đó' },
  { key: 'contacts', heading: 'Số người tiếp xúc' },
  { key: 'createdAt', heading: 'Ngày ghi nhận' },
];

function caseRow(c: Case) {
  return {
    code: c.code,
    fullName: c.fullName,
    phone: phone(c.phone),
    commune: c.communeName,
    classification: CLASSIFICATION[c.classification] ?? c.classification,
    onsetDate: c.onsetDate,
    testDate: c.testDate,
    testResult: c.testResult ? (RESULT[c.testResult] ?? c.testResult) : '',
    isolationDate: c.isolationDate,
    isolationPlace: c.isolationPlace,
    outcome: OUTCOME[c.outcome] ?? c.outcome,
    infectious: `${localTime(c.infectiousFrom)} – ${localTime(c.infectiousUntil)}`,
    knownContact: c.fromContactId ? 'Có' : 'Không',
    contacts: c.contactCount,
    createdAt: localTime(c.createdAt),
  };
}

/** The area's cases as the CDC keeps them (Vietnamese headings); reading is audited by the search. */
export async function exportCases(ctx: Context, actor: Actor, query: { classification?: string | undefined; outcome?: string | undefined }, format: SheetFormat): Promise<Buffer> {
  const all: Case[] = [];
  for (let offset = 0; offset < 50_000; offset += 500) {
    const { items } = await searchCases(ctx, actor, { ...query, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  return writeSheet(format, 'Ca bệnh', CASE_COLUMNS, all.map(caseRow));
}

const CONTACT_COLUMNS: Column[] = [
  { key: 'generation', heading: 'Thế hệ' },
  { key: 'name', heading: 'Họ tên' },
  { key: 'phone', heading: 'Điện thoại' },
  { key: 'sources', heading: 'Nguồn phát hiện' },
  { key: 'place', heading: 'Nơi tiếp xúc' },
  { key: 'from', heading: 'Từ' },
  { key: 'to', heading: 'Đến' },
  { key: 'minutes', heading: 'Số phút tiếp xúc' },
  { key: 'score', heading: 'Mức độ (0–100)' },
  { key: 'status', heading: 'Tình trạng' },
  { key: 'quarantineStart', heading: 'Cách ly từ ngày' },
  { key: 'quarantineEnd', heading: 'Cách ly đến ngày' },
  { key: 'team', heading: 'Tổ theo dõi' },
  { key: 'lastFollowup', heading: 'Theo dõi gần nhất' },
];

function contactRow(c: Contact) {
  return {
    generation: `F${c.generation}`,
    name: c.displayName,
    phone: phone(c.phone),
    sources: c.sources.map((s) => SOURCE[s] ?? s).join('; '),
    place: c.placeName ?? '',
    from: localTime(c.windowStart),
    to: localTime(c.windowEnd),
    minutes: Math.round(c.exposureMinutes),
    score: c.score,
    status: STATUS[c.status] ?? c.status,
    quarantineStart: c.quarantineStart,
    quarantineEnd: c.quarantineEnd,
    team: c.team,
    lastFollowup: c.lastFollowup ? `${c.lastFollowup.date}: ${FOLLOWUP[c.lastFollowup.status] ?? c.lastFollowup.status}` : '',
  };
}

/** The contacts of a case's chain, F1 first, for the teams that call them. */
export async function exportContacts(ctx: Context, actor: Actor, caseId: string, format: SheetFormat): Promise<Buffer> {
  const { items } = await contactsOfCase(ctx, actor, caseId);
  return writeSheet(format, 'Người tiếp xúc', CONTACT_COLUMNS, items.map(contactRow));
}
