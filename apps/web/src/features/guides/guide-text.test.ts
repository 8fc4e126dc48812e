import { describe, expect, it } from 'vitest';
import { guideSummary, parseGuide } from './guide-text.js';

describe('parseGuide', () => {
  it('splits paragraphs on blank lines and keeps line breaks inside them', () => {
    expect(parseGuide('Dòng một\nDòng hai\n\nĐoạn hai')).toEqual([
      { kind: 'paragraph', lines: ['Dòng một', 'Dòng hai'] },
      { kind: 'paragraph', lines: ['Đoạn hai'] },
    ]);
  });

  it('reads headings and bullet lists', () => {
    const body = '# Cài đặt ứng dụng\n\nBạn cần:\n- Điện thoại có camera\n- Kết nối mạng\n\n# Quét mã';
    expect(parseGuide(body)).toEqual([
      { kind: 'heading', text: 'Cài đặt ứng dụng' },
      { kind: 'paragraph', lines: ['Bạn cần:'] },
      { kind: 'list', items: ['Điện thoại có camera', 'Kết nối mạng'] },
      { kind: 'heading', text: 'Quét mã' },
    ]);
  });

  it('continues a bullet on an indented line, and starts a paragraph after a list', () => {
    expect(parseGuide('- Mở ứng dụng\n  rồi bấm Quét mã\nSau đó chờ')).toEqual([
      { kind: 'list', items: ['Mở ứng dụng rồi bấm Quét mã'] },
      { kind: 'paragraph', lines: ['Sau đó chờ'] },
    ]);
  });

  it('handles Windows line ends, blank lines with spaces and empty bodies', () => {
    expect(parseGuide('A\r\n  \r\nB')).toEqual([
      { kind: 'paragraph', lines: ['A'] },
      { kind: 'paragraph', lines: ['B'] },
    ]);
    expect(parseGuide('')).toEqual([]);
    expect(parseGuide('#\n# ')).toEqual([]);
    expect(parseGuide('#hashtag')).toEqual([{ kind: 'paragraph', lines: ['#hashtag'] }]);
  });

  it('keeps markup as plain text', () => {
    expect(parseGuide('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'paragraph', lines: ['<img src=x onerror=alert(1)>'] }]);
  });
});

describe('guideSummary', () => {
  it('gives the first paragraph, shortened', () => {
    expect(guideSummary('# Tiêu đề\n\nMở ứng dụng.\nBấm nút.\n\nKhác')).toBe('Mở ứng dụng. Bấm nút.');
    expect(guideSummary('Một câu rất dài', 8)).toBe('Một câu…');
    expect(guideSummary('# Chỉ tiêu đề')).toBe('');
  });
});
