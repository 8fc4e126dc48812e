import { describe, expect, it } from 'vitest';
import { foldVietnamese, maskTail } from './text.js';

describe('foldVietnamese', () => {
  it.each([
    ['Bắc Kạn', 'bac kan'],
    ['  Thành phố   Hồ Chí Minh ', 'thanh pho ho chi minh'],
    ['Đồng Hỷ', 'dong hy'],
    ['Hòa Bình', 'hoa binh'],
    ['Hoà Bình', 'hoa binh'],
    ['Thủy Nguyên', 'thuy nguyen'],
    ['Xã Nam Mẫu, huyện Ba Bể', 'xa nam mau huyen ba be'],
    ['ĐẮK LẮK', 'dak lak'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
});

describe('maskTail', () => {
  it('keeps only the last characters', () => {
    expect(maskTail('0912345678', 3)).toBe('•••••••678');
    expect(maskTail('12', 3)).toBe('12');
  });
});
