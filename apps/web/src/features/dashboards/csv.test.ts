import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('gives only the headings for no rows', () => {
    expect(toCsv(['Đơn vị', 'Đã đăng ký'], [])).toBe('Đơn vị,Đã đăng ký\r\n');
  });
  it('gives nothing at all without columns', () => {
    expect(toCsv([], [])).toBe('');
  });
  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    expect(toCsv(['a', 'b', 'c'], [['Chợ "Đêm", Bắc Kạn', null, 3]])).toBe('a,b,c\r\n"Chợ ""Đêm"", Bắc Kạn",,3\r\n');
    expect(toCsv(['a'], [['hai\ndòng']])).toBe('a\r\n"hai\ndòng"\r\n');
  });
  it('keeps typed text from running as a formula', () => {
    expect(toCsv(['a', 'b'], [['=HYPERLINK("x")', -5]])).toBe('a,b\r\n"\'=HYPERLINK(""x"")",-5\r\n');
    expect(toCsv(['a'], [['@cmd']])).toBe("a\r\n'@cmd\r\n");
  });
  it('writes numbers plainly and leaves non-finite ones empty', () => {
    expect(toCsv(['a', 'b'], [[0.125, Number.NaN]])).toBe('a,b\r\n0.125,\r\n');
  });
});
