import { useTranslation } from 'react-i18next';
import type { Language } from '@phongdich/core';

// Strings of the public guide pages and their editor. Vietnamese is the source.

const vi = {
  listTitle: 'Hướng dẫn sử dụng',
  listIntro: 'Cách cài đặt và dùng ứng dụng, khai báo y tế, quét mã QR khi ra vào và đăng ký địa điểm. Có thể in hoặc gắn vào cổng thông tin của tỉnh.',
  noGuides: 'Chưa có hướng dẫn nào.',
  mapLink: 'Xem bản đồ chống dịch',
  print: 'In',
  printLabel: (title: string) => `In hướng dẫn “${title}”`,
  allGuides: 'Tất cả hướng dẫn',
  openFull: 'Mở trên PhongDich',
  updatedAt: (date: string) => `Cập nhật ngày ${date}`,
  notFound: 'Không tìm thấy hướng dẫn này.',
  editTitle: 'Sửa hướng dẫn',
  editIntro: 'Nội dung hiện ở trang hướng dẫn công khai và ở các trang đã gắn hướng dẫn. Viết cả tiếng Việt và tiếng Anh.',
  formatHelp: 'Cách trình bày: để một dòng trống giữa các đoạn; dòng bắt đầu bằng “# ” là tiêu đề; dòng bắt đầu bằng “- ” là một ý trong danh sách.',
  chooseGuide: 'Chọn hướng dẫn',
  titleVi: 'Tiêu đề (tiếng Việt)',
  titleEn: 'Tiêu đề (tiếng Anh)',
  bodyVi: 'Nội dung (tiếng Việt)',
  bodyEn: 'Nội dung (tiếng Anh)',
  required: 'Bắt buộc phải nhập.',
  tooLong: (n: number) => `Tối đa ${n} ký tự.`,
  preview: 'Xem trước',
  previewVi: 'Xem trước bản tiếng Việt',
  previewEn: 'Xem trước bản tiếng Anh',
  save: 'Lưu hướng dẫn',
  saved: (title: string) => `Đã lưu “${title}”.`,
  view: 'Xem trang công khai',
  embedTitle: 'Gắn vào cổng thông tin',
  embedHelp: 'Dán đoạn mã này vào trang của cổng thông tin tỉnh; hướng dẫn hiện trong một khung tự co giãn.',
};

export type GuidesText = typeof vi;

const en: GuidesText = {
  listTitle: 'How-to guides',
  listIntro: 'How to install and use the app, declare your health, scan QR codes on the way in and out, and register a place. Printable, and can be embedded in the provincial portal.',
  noGuides: 'No guides yet.',
  mapLink: 'See the epidemic map',
  print: 'Print',
  printLabel: (title) => `Print the guide “${title}”`,
  allGuides: 'All guides',
  openFull: 'Open in PhongDich',
  updatedAt: (date) => `Updated ${date}`,
  notFound: 'This guide was not found.',
  editTitle: 'Edit guides',
  editIntro: 'The text shows on the public guide page and wherever the guide is embedded. Write both the Vietnamese and the English text.',
  formatHelp: 'Layout: leave a blank line between paragraphs; a line starting with “# ” is a heading; a line starting with “- ” is a bullet.',
  chooseGuide: 'Choose a guide',
  titleVi: 'Title (Vietnamese)',
  titleEn: 'Title (English)',
  bodyVi: 'Text (Vietnamese)',
  bodyEn: 'Text (English)',
  required: 'This is required.',
  tooLong: (n) => `At most ${n} characters.`,
  preview: 'Preview',
  previewVi: 'Preview of the Vietnamese text',
  previewEn: 'Preview of the English text',
  save: 'Save the guide',
  saved: (title) => `“${title}” saved.`,
  view: 'See the public page',
  embedTitle: 'Embed in a portal',
  embedHelp: 'Paste this code into a page of the provincial portal; the guide shows in a frame that fits its height.',
};

const TEXT: Record<Language, GuidesText> = { vi, en };

export function guidesTextIn(lang: Language): GuidesText {
  return TEXT[lang];
}

/** The guide screens' strings in the current language. */
export function useGuidesText(): { text: GuidesText; lang: Language } {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'vi';
  return { text: TEXT[lang], lang };
}
