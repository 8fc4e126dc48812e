import { z } from 'zod';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/index.js';

const bilingual = (max: number) => z.strictObject({ vi: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
export const guideInputSchema = z.strictObject({ title: bilingual(200), body: bilingual(20_000) });
type GuideContent = z.infer<typeof guideInputSchema>;

// The texts a province starts with; its administrators can rewrite them. Plain text: blank lines
// separate paragraphs, "# " starts a heading, "- " a list item.
const DEFAULTS: Record<string, GuideContent> = {
  install: {
    title: { vi: 'Cài đặt và đăng nhập PhongDich', en: 'Installing PhongDich and signing in' },
    body: {
      vi: '# Trên điện thoại Android hoặc iPhone\n- Mở trình duyệt (Chrome, Cốc Cốc, Safari) và vào địa chỉ của tỉnh.\n- Bấm "Thêm vào màn hình chính" để dùng như một ứng dụng.\n- Đăng nhập bằng số điện thoại: nhập mã xác thực gửi qua tin nhắn.\n\nỨng dụng chạy được cả khi mạng yếu: việc quét mã được lưu trên máy và gửi khi có mạng.',
      en: '# On an Android phone or iPhone\n- Open the browser (Chrome, Cốc Cốc, Safari) at the province\'s address.\n- Tap "Add to home screen" to use it like an app.\n- Sign in with your phone number: type the code sent by text message.\n\nThe app works on a weak connection: scans are kept on the phone and sent when there is a network.',
    },
  },
  scan: {
    title: { vi: 'Quét mã QR khi ra, vào', en: 'Scanning the QR code when you enter and leave' },
    body: {
      vi: '# Khi vào\n- Mở camera hoặc ứng dụng PhongDich, quét mã QR dán ở cổng, cửa ra vào.\n- Bấm "Quét vào". Màn hình xanh báo đã ghi nhận.\n\n# Khi ra\n- Quét mã ở bất kỳ cổng nào của địa điểm, bấm "Quét ra".\n\n# Không có điện thoại thông minh\n- Đưa mã QR cá nhân (in trên giấy) để nhân viên quét, hoặc đọc số điện thoại cho nhân viên.',
      en: '# When you enter\n- Open the camera or the PhongDich app and scan the QR code at the gate or door.\n- Tap "Check in". A green screen confirms it.\n\n# When you leave\n- Scan the code at any gate of the place and tap "Check out".\n\n# Without a smartphone\n- Show your printed personal QR code to the staff, or tell them your phone number.',
    },
  },
  declare: {
    title: { vi: 'Khai báo y tế', en: 'Making a health declaration' },
    body: {
      vi: '- Vào mục "Khai báo y tế", chọn loại tờ khai: khai báo toàn dân, cập nhật sức khỏe hằng ngày, nhập cảnh, di chuyển nội địa, hoặc tại cơ sở y tế.\n- Khai lần lượt từng bước; có thể khai cho người thân trong gia đình.\n- Sau khi gửi, bạn nhận mã QR cá nhân. Nếu có dấu hiệu bệnh, trạm y tế sẽ liên hệ.',
      en: '- Open "Health declaration" and choose the form: everyone\'s declaration, the daily health update, entry, domestic travel, or at a health facility.\n- Answer step by step; you can declare for family members.\n- After sending, you get your personal QR code. If you have symptoms, the health station will contact you.',
    },
  },
  'register-place': {
    title: { vi: 'Đăng ký điểm kiểm dịch cho cơ quan, cửa hàng', en: 'Registering a place as a checkpoint' },
    body: {
      vi: '- Đăng nhập bằng số điện thoại của người phụ trách, vào "Địa điểm của tôi", bấm "Đăng ký địa điểm".\n- Nhập tên, loại hình, địa chỉ, vị trí và các cổng, phòng cần dán mã.\n- Khi xã, phường duyệt, in áp phích mã QR và dán ở mọi lối ra vào.\n- Thêm nhân viên bảo vệ để quét mã QR cá nhân cho người không có điện thoại.',
      en: '- Sign in with the phone of the person in charge, open "My places", tap "Register a place".\n- Enter the name, kind, address, location and the gates or rooms that need a code.\n- Once the commune approves it, print the QR posters and put them at every entrance.\n- Add guards as staff so they can scan the personal QR codes of people without phones.',
    },
  },
};

export const GUIDE_SLUGS = Object.keys(DEFAULTS);

async function stored(ctx: Context): Promise<Map<string, { content: GuideContent; updatedAt: number }>> {
  const rows = await ctx.db.selectFrom('guides').selectAll().execute();
  return new Map(rows.map((r) => [r.slug, { content: JSON.parse(r.content) as GuideContent, updatedAt: r.updated_at }]));
}

export async function listGuides(ctx: Context) {
  const edited = await stored(ctx);
  return { items: GUIDE_SLUGS.map((slug) => ({ slug, title: (edited.get(slug)?.content ?? DEFAULTS[slug])?.title as GuideContent['title'] })) };
}

export async function readGuide(ctx: Context, slug: string) {
  const base = DEFAULTS[slug];
  if (!base) throw new AppError('not_found');
  const edited = (await stored(ctx)).get(slug);
  return { slug, ...(edited?.content ?? base), updatedAt: edited?.updatedAt ?? null };
}

export async function writeGuide(ctx: Context, actor: Actor, slug: string, content: GuideContent) {
  if (!DEFAULTS[slug]) throw new AppError('not_found');
  const row = { slug, content: JSON.stringify(content), updated_by: actor.userId, updated_at: ctx.clock.now() };
  await ctx.db
    .insertInto('guides')
    .values(row)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ content: row.content, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
  await recordAudit(ctx, actor, { action: 'guide.update', subjectType: 'guide', subjectId: slug });
  return readGuide(ctx, slug);
}
