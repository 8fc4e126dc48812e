import { useTranslation } from 'react-i18next';
import type { Language } from '@phongdich/core';

// Strings of the COVID-safety self-assessment. Vietnamese is the source; wording follows the 2020–2021
// "Bộ tiêu chí đánh giá nguy cơ lây nhiễm COVID-19" used by workplaces and public places.

const vi = {
  title: 'Tự đánh giá an toàn COVID',
  backToPlace: (name: string) => `Quay lại ${name}`,
  intro:
    'Trả lời từng biện pháp: đã thực hiện hay chưa. Mỗi biện pháp chưa thực hiện để lại một số điểm nguy cơ; tổng điểm quy ra phần trăm và mức nguy cơ (rất thấp ≤15 %, thấp 16–30 %, trung bình 31–50 %, cao 51–80 %, rất cao 81–100 %). Kết quả hiện trên bản đồ chống dịch.',
  currentTitle: 'Kết quả hiện tại',
  noneYet: 'Địa điểm chưa tự đánh giá lần nào.',
  assessedAt: (when: string) => `Đánh giá lúc ${when}`,
  riskOf: (percent: string) => `Nguy cơ còn lại: ${percent}`,
  overriddenBy: (level: string, reason: string) => `Cán bộ đã điều chỉnh thành “${level}”. Lý do: ${reason}`,
  checklistTitle: (set: string) => `Bộ tiêu chí: ${set}`,
  prefilled: 'Câu trả lời được điền sẵn theo lần đánh giá trước; sửa những gì đã thay đổi.',
  points: (n: number) => `${n} điểm nguy cơ nếu chưa thực hiện`,
  yes: 'Đã thực hiện',
  no: 'Chưa thực hiện',
  progress: (answered: number, total: number) => `Đã trả lời ${answered}/${total}`,
  provisional: 'tạm tính, câu chưa trả lời tính như chưa thực hiện',
  scoreLabel: 'Điểm tự đánh giá',
  submit: 'Gửi kết quả tự đánh giá',
  sending: 'Đang gửi…',
  unanswered: (n: number, first: string) => `Còn ${n} biện pháp chưa trả lời, bắt đầu từ: “${first}”.`,
  saved: (percent: string, level: string) => `Đã lưu: nguy cơ ${percent} – ${level}. Điểm của địa điểm trên bản đồ đã cập nhật.`,
  gapsTitle: 'Nên làm trước để giảm nguy cơ nhiều nhất',
  readOnly: 'Chỉ chủ địa điểm gửi được kết quả tự đánh giá.',
  historyTitle: 'Các lần đánh giá',
  noHistory: 'Chưa có lần đánh giá nào.',
  when: 'Thời gian',
  risk: 'Nguy cơ',
  level: 'Mức nguy cơ',
  correction: 'Điều chỉnh của cán bộ',
  overrideTitle: 'Điều chỉnh mức nguy cơ (cán bộ)',
  overrideHelp: 'Sau khi kiểm tra thực tế, cán bộ có thể điều chỉnh mức nguy cơ của lần đánh giá mới nhất. Lý do được lưu lại và chủ địa điểm nhìn thấy.',
  newLevel: 'Mức nguy cơ sau kiểm tra',
  reason: 'Lý do',
  reasonHelp: 'Bắt buộc, 5–500 ký tự. Ví dụ: kiểm tra ngày 12/8, nhân viên không đeo khẩu trang.',
  saveOverride: 'Lưu điều chỉnh',
  confirmOverride: (place: string, level: string) => `Mức nguy cơ của “${place}” sẽ thành “${level}” trên bản đồ chống dịch cho đến lần tự đánh giá tiếp theo.`,
  overrideSaved: 'Đã lưu điều chỉnh.',
  needAssessment: 'Cần có ít nhất một lần tự đánh giá trước khi điều chỉnh.',
};

export type AssessmentText = typeof vi;

const en: AssessmentText = {
  title: 'COVID-safety self-assessment',
  backToPlace: (name) => `Back to ${name}`,
  intro:
    'Answer each measure: in place or not yet. Each measure not in place leaves some risk points; the total gives a percentage and a risk level (very low ≤15%, low 16–30%, medium 31–50%, high 51–80%, very high 81–100%). The result shows on the epidemic map.',
  currentTitle: 'Current result',
  noneYet: 'This place has not assessed itself yet.',
  assessedAt: (when) => `Assessed at ${when}`,
  riskOf: (percent) => `Risk left: ${percent}`,
  overriddenBy: (level, reason) => `An official changed it to “${level}”. Reason: ${reason}`,
  checklistTitle: (set) => `Checklist: ${set}`,
  prefilled: 'The answers are filled in from the last assessment; change what is different now.',
  points: (n) => `${n} risk points when not in place`,
  yes: 'In place',
  no: 'Not yet',
  progress: (answered, total) => `Answered ${answered} of ${total}`,
  provisional: 'provisional; unanswered measures count as not in place',
  scoreLabel: 'Self-assessment score',
  submit: 'Send the self-assessment',
  sending: 'Sending…',
  unanswered: (n, first) => `${n} measures still need an answer, starting with “${first}”.`,
  saved: (percent, level) => `Saved: risk ${percent} – ${level}. The place’s marker on the map has been updated.`,
  gapsTitle: 'Do these first to lower the risk most',
  readOnly: 'Only the owner of the place can send a self-assessment.',
  historyTitle: 'Past assessments',
  noHistory: 'No assessments yet.',
  when: 'When',
  risk: 'Risk',
  level: 'Risk level',
  correction: 'Official’s correction',
  overrideTitle: 'Correct the risk level (officials)',
  overrideHelp: 'After an inspection, an official can correct the level of the latest assessment. The reason is kept and the owner sees it.',
  newLevel: 'Risk level after inspection',
  reason: 'Reason',
  reasonHelp: 'Required, 5–500 characters. For example: inspected on 12/08, staff without masks.',
  saveOverride: 'Save the correction',
  confirmOverride: (place, level) => `The risk level of “${place}” will be “${level}” on the epidemic map until its next self-assessment.`,
  overrideSaved: 'Correction saved.',
  needAssessment: 'The place needs at least one self-assessment before it can be corrected.',
};

const TEXT: Record<Language, AssessmentText> = { vi, en };

/** The self-assessment screens' strings in the current language. */
export function useAssessmentText(): { text: AssessmentText; lang: Language } {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'vi';
  return { text: TEXT[lang], lang };
}
