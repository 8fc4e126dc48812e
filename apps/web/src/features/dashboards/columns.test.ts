import { describe, expect, it } from 'vitest';
import { cellText, isNumeric, tableCsv, type Column } from './columns.js';

type Row = { name: string; registered: number; share: number | null; scansPerDay: number; last: string | null };

const columns: Array<Column<Row>> = [
  { key: 'name', label: 'Đơn vị', kind: 'text', value: (r) => r.name, rowHeader: true },
  { key: 'registered', label: 'Đã đăng ký', kind: 'count', value: (r) => r.registered },
  { key: 'share', label: 'Tỷ lệ đăng ký', kind: 'share', value: (r) => r.share },
  { key: 'scansPerDay', label: 'Lượt quét/ngày', kind: 'decimal', value: (r) => r.scansPerDay },
  { key: 'last', label: 'Lần quét gần nhất', kind: 'date', value: (r) => r.last },
];

describe('cellText', () => {
  it.each([
    ['count', 1234, 'vi', '1.234'],
    ['decimal', 2.25, 'en', '2.3'],
    ['share', 0.5, 'en', '50%'],
    ['share', null, 'vi', '—'],
    ['date', '2025-10-01', 'vi', '01/10/2025'],
    ['text', '', 'vi', '—'],
    ['text', 'Xã Ân Tình', 'en', 'Xã Ân Tình'],
    ['instant', Date.UTC(2025, 9, 13, 2, 5), 'vi', '13/10/2025 09:05'],
    ['instant', null, 'vi', '—'],
  ] as const)('%s %j in %s → %s', (kind, value, lang, text) => {
    expect(cellText(kind, value, lang)).toBe(text);
  });
  it('knows which columns are numbers (right-aligned)', () => {
    expect(isNumeric('share')).toBe(true);
    expect(isNumeric('date')).toBe(false);
  });
});

describe('tableCsv', () => {
  it('leaves out columns of buttons', () => {
    const withAction: Array<Column<Row>> = [...columns.slice(0, 1), { key: 'open', label: 'Mở', kind: 'text', value: () => '', noExport: true }];
    expect(tableCsv(withAction, [{ name: 'A', registered: 1, share: null, scansPerDay: 0, last: null }])).toBe('Đơn vị\r\nA\r\n');
  });
  it('writes headings only for a table with no rows', () => {
    expect(tableCsv(columns, [])).toBe('Đơn vị,Đã đăng ký,Tỷ lệ đăng ký (%),Lượt quét/ngày,Lần quét gần nhất\r\n');
  });
  it('writes rows, shares as percentages, dates as dd/mm/yyyy and the total last', () => {
    const rows: Row[] = [
      { name: 'Xã Ân Tình', registered: 12, share: 0.8534, scansPerDay: 3.14, last: '2025-10-05' },
      { name: 'Xã Bằng Vân', registered: 0, share: null, scansPerDay: 0, last: null },
    ];
    const total: Row = { name: 'Huyện Na Rì', registered: 12, share: 0.6, scansPerDay: 3.14, last: null };
    expect(tableCsv(columns, rows, { row: total, label: 'Tổng cộng' }).split('\r\n')).toEqual([
      'Đơn vị,Đã đăng ký,Tỷ lệ đăng ký (%),Lượt quét/ngày,Lần quét gần nhất',
      'Xã Ân Tình,12,85.3,3.1,05/10/2025',
      'Xã Bằng Vân,0,,0,',
      'Tổng cộng,12,60,3.1,',
      '',
    ]);
  });
});
