import { renderText, type Language } from '@phongdich/core';

/** Message templates in Vietnamese and English; {name} is replaced by the variable of that name. */
export const TEMPLATES = {
  sign_in_code: {
    // One SMS: at most 70 characters in UCS-2 with a 6-digit code and up to 99 minutes.
    vi: 'PhongDich: mã xác thực {code}, hết hạn sau {minutes} phút. Đừng chia sẻ mã.',
    en: 'PhongDich: your verification code is {code}, valid for {minutes} minutes. Do not share it.',
  },
  visit_code: {
    vi: 'PhongDich: mã xác nhận ra, vào "{place}" là {code} (hiệu lực {minutes} phút). Đọc mã này cho nhân viên nếu bạn đang ở đó.',
    en: 'PhongDich: the code to confirm your visit to "{place}" is {code} (valid {minutes} minutes). Tell it to the staff if you are there.',
  },
  contact_warning: {
    vi: 'PhongDich: bạn có thể đã tiếp xúc với người mắc bệnh tại {place} ngày {date}, khoảng {time}. Hãy ở nhà, theo dõi sức khỏe đến hết ngày {until}, khai báo y tế hằng ngày trên ứng dụng và gọi trạm y tế xã/phường ({hotline}) nếu sốt, ho hoặc khó thở.',
    en: 'PhongDich: you may have been in contact with an infected person at {place} on {date}, around {time}. Stay home and watch your health until {until}, send a daily health update in the app, and call your commune health station ({hotline}) if you have fever, cough or shortness of breath.',
  },
  contact_warning_indirect: {
    vi: 'PhongDich: một người bạn đã gặp ({place}, ngày {date}) là người tiếp xúc gần với người mắc bệnh. Hãy theo dõi sức khỏe đến hết ngày {until}, hạn chế tiếp xúc và gọi trạm y tế xã/phường ({hotline}) nếu sốt, ho hoặc khó thở.',
    en: 'PhongDich: someone you met ({place}, on {date}) is a close contact of an infected person. Watch your health until {until}, limit contact with others, and call your commune health station ({hotline}) if you have fever, cough or shortness of breath.',
  },
  place_reminder: {
    vi: 'PhongDich: điểm kiểm dịch "{place}" gần đây không có lượt quét mã QR nào. Hãy kiểm tra mã QR còn dán ở các lối vào và nhắc mọi người quét khi ra, vào. In lại mã tại {url}.',
    en: 'PhongDich: the checkpoint "{place}" has had no QR scans lately. Check the QR codes are still posted at the entrances and remind everyone to scan in and out. Reprint them at {url}.',
  },
  place_registered_owner: {
    vi: 'PhongDich: địa điểm "{place}" đã được đăng ký điểm kiểm dịch, bạn là chủ địa điểm. Đăng nhập bằng số điện thoại này tại {url} để in mã QR và thêm nhân viên.',
    en: 'PhongDich: "{place}" is registered as a checkpoint with you as its owner. Sign in with this phone at {url} to print QR posters and add staff.',
  },
  place_status_changed: {
    vi: 'PhongDich: địa điểm "{place}" {status}.',
    en: 'PhongDich: "{place}" {status}.',
  },
  staff_added: {
    vi: 'PhongDich: bạn được thêm làm nhân viên quét mã của "{place}". Đăng nhập bằng số điện thoại này tại {url}.',
    en: 'PhongDich: you were added as scanner staff of "{place}". Sign in with this phone at {url}.',
  },
  daily_update_reminder: {
    vi: 'PhongDich: hôm nay ({date}) bạn chưa gửi cập nhật sức khỏe hằng ngày. Hãy mở {url} để gửi (theo dõi đến hết ngày {until}). Nếu sốt, ho, khó thở hãy gọi {hotline}.',
    en: 'PhongDich: you have not sent today\'s ({date}) daily health update. Open {url} to send it (monitoring until {until}). If you have fever, cough or difficulty breathing, call {hotline}.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type TemplateName = keyof typeof TEMPLATES;

export function renderTemplate(name: TemplateName, lang: Language, vars: Record<string, string | number>): string {
  return renderText(TEMPLATES[name][lang], vars);
}

/** Templates of campaign messages: their text is the campaign's own. */
export const CAMPAIGN_TEMPLATE = 'campaign';
export const CAMPAIGN_TEST_TEMPLATE = 'campaign_test';
