/** Languages every user-facing string exists in. Vietnamese is the source language. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface ErrorDefinition {
  status: number;
  vi: string;
  en: string;
}

/**
 * Every error code the API can answer with. Codes are stable: clients and docs/errors.md rely on them.
 * Messages say what the user can do, not what went wrong inside.
 */
export const ERRORS = {
  invalid_input: {
    status: 400,
    vi: 'Dữ liệu gửi lên chưa hợp lệ. Vui lòng kiểm tra lại.',
    en: 'Some of the data sent is not valid. Please check it.',
  },
  malformed_json: {
    status: 400,
    vi: 'Dữ liệu gửi lên không đúng định dạng JSON.',
    en: 'The request body is not valid JSON.',
  },
  unsupported_media_type: {
    status: 415,
    vi: 'Định dạng dữ liệu không được hỗ trợ. Hãy gửi JSON.',
    en: 'This content type is not supported. Send JSON.',
  },
  payload_too_large: {
    status: 413,
    vi: 'Dữ liệu gửi lên quá lớn.',
    en: 'The request is too large.',
  },
  not_found: {
    status: 404,
    vi: 'Không tìm thấy địa chỉ này.',
    en: 'This address does not exist.',
  },
  unit_not_found: {
    status: 404,
    vi: 'Không tìm thấy đơn vị hành chính với mã này.',
    en: 'No administrative unit has this code.',
  },
  user_not_found: {
    status: 404,
    vi: 'Không tìm thấy tài khoản này.',
    en: 'This account does not exist.',
  },
  unauthenticated: {
    status: 401,
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'Please sign in to continue.',
  },
  invalid_credentials: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is not correct.',
  },
  account_locked: {
    status: 429,
    vi: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'This account is locked for a few minutes after too many wrong passwords. Try again later.',
  },
  account_disabled: {
    status: 403,
    vi: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
    en: 'This account is disabled. Contact your administrator.',
  },
  forbidden: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  out_of_scope: {
    status: 403,
    vi: 'Dữ liệu này nằm ngoài địa bàn bạn được phân công.',
    en: 'This data is outside the area you are responsible for.',
  },
  csrf_failed: {
    status: 403,
    vi: 'Phiên làm việc không hợp lệ. Hãy tải lại trang và thử lại.',
    en: 'The session check failed. Reload the page and try again.',
  },
  rate_limited: {
    status: 429,
    vi: 'Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.',
    en: 'Too many requests. Wait a moment and try again.',
  },
  otp_invalid: {
    status: 400,
    vi: 'Mã xác thực không đúng. Hãy kiểm tra tin nhắn và nhập lại.',
    en: 'The verification code is not correct. Check the message and try again.',
  },
  otp_expired: {
    status: 400,
    vi: 'Mã xác thực đã hết hạn. Hãy yêu cầu mã mới.',
    en: 'The verification code has expired. Ask for a new one.',
  },
  otp_too_many_attempts: {
    status: 429,
    vi: 'Bạn đã nhập sai mã quá nhiều lần. Hãy yêu cầu mã mới.',
    en: 'Too many wrong codes. Ask for a new code.',
  },
  username_taken: {
    status: 409,
    vi: 'Tên đăng nhập này đã được dùng. Hãy chọn tên khác.',
    en: 'This username is already taken. Choose another.',
  },
  current_password_incorrect: {
    status: 400,
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is not correct.',
  },
  unit_required: {
    status: 400,
    vi: 'Cán bộ phải được gắn với một đơn vị hành chính.',
    en: 'An official must be assigned to an administrative unit.',
  },
  unit_outside_installation: {
    status: 400,
    vi: 'Đơn vị này không thuộc tỉnh/thành phố của hệ thống.',
    en: 'This unit is not in the province this installation serves.',
  },
  place_not_found: {
    status: 404,
    vi: 'Không tìm thấy địa điểm này.',
    en: 'This place does not exist.',
  },
  point_not_found: {
    status: 404,
    vi: 'Không tìm thấy điểm quét mã này.',
    en: 'This QR point does not exist.',
  },
  target_not_found: {
    status: 404,
    vi: 'Không tìm thấy địa điểm này trong danh sách cần đăng ký.',
    en: 'This entry of the list of places to register does not exist.',
  },
  place_duplicate: {
    status: 409,
    vi: 'Xã/phường này đã có địa điểm cùng tên và địa chỉ. Hãy kiểm tra danh sách trước khi đăng ký.',
    en: 'A place with the same name and address is already registered in this commune. Check the list first.',
  },
  location_outside_vietnam: {
    status: 400,
    vi: 'Vị trí nằm ngoài lãnh thổ Việt Nam. Hãy chọn lại trên bản đồ.',
    en: 'The location is outside Vietnam. Pick it again on the map.',
  },
  location_outside_province: {
    status: 400,
    vi: 'Vị trí không nằm trong tỉnh/thành phố của xã/phường đã chọn. Hãy kiểm tra lại vị trí hoặc xã/phường.',
    en: 'The location is not in the province of the chosen commune. Check the location or the commune.',
  },
  commune_required: {
    status: 400,
    vi: 'Hãy chọn một xã/phường/thị trấn.',
    en: 'Choose a commune, ward or town.',
  },
  qr_invalid: {
    status: 400,
    vi: 'Mã QR không hợp lệ hoặc đã bị sửa đổi. Hãy quét mã QR do PhongDich cấp.',
    en: 'This QR code is not valid or has been altered. Scan a QR code issued by PhongDich.',
  },
  checkpoint_revoked: {
    status: 410,
    vi: 'Mã QR này đã bị chủ địa điểm thu hồi. Hãy quét mã QR mới tại địa điểm.',
    en: 'This QR code has been withdrawn by the place owner. Scan the new code at the place.',
  },
  place_not_active: {
    status: 409,
    vi: 'Địa điểm này chưa được duyệt hoặc đang tạm dừng.',
    en: 'This place is not approved yet or is suspended.',
  },
  member_not_found: {
    status: 404,
    vi: 'Người này không phải nhân viên của địa điểm.',
    en: 'This person is not a member of the place.',
  },
  last_owner: {
    status: 409,
    vi: 'Địa điểm phải có ít nhất một chủ. Hãy thêm chủ mới trước khi xóa.',
    en: 'A place needs at least one owner. Add another owner first.',
  },
  scan_time_future: {
    status: 400,
    vi: 'Thời gian quét ở tương lai. Hãy kiểm tra đồng hồ của điện thoại.',
    en: 'The scan time is in the future. Check the phone\'s clock.',
  },
  scan_too_old: {
    status: 400,
    vi: 'Lượt quét này đã quá cũ để ghi nhận.',
    en: 'This scan is too old to be recorded.',
  },
  scan_out_of_order: {
    status: 409,
    vi: 'Lượt quét ra trước lượt quét vào. Hãy quét lại khi đến.',
    en: 'This check-out is earlier than the check-in. Scan again on arrival.',
  },
  impossible_travel: {
    status: 409,
    vi: 'Không thể có mặt ở hai nơi cách xa nhau như vậy trong thời gian ngắn. Lượt quét không được ghi nhận.',
    en: 'Nobody can be at two places this far apart so quickly. The scan was not recorded.',
  },
  no_open_visit: {
    status: 409,
    vi: 'Người này chưa quét vào tại địa điểm, không thể quét ra.',
    en: 'This person has not checked in here, so they cannot check out.',
  },
  personal_qr_invalid: {
    status: 400,
    vi: 'Mã QR cá nhân không hợp lệ.',
    en: 'This personal QR code is not valid.',
  },
  personal_qr_revoked: {
    status: 410,
    vi: 'Mã QR cá nhân này đã được thay mới. Hãy dùng mã mới nhất.',
    en: 'This personal QR code has been replaced. Use the newest one.',
  },
  visit_not_found: {
    status: 404,
    vi: 'Không tìm thấy lượt ra vào này.',
    en: 'This visit does not exist.',
  },
  visitor_identity_required: {
    status: 400,
    vi: 'Hãy quét mã QR cá nhân, hoặc nhập số điện thoại kèm mã xác thực, hoặc nhập họ tên khách.',
    en: 'Scan the personal QR code, or enter the phone number with its code, or enter the visitor\'s name.',
  },
  case_not_found: {
    status: 404,
    vi: 'Không tìm thấy ca bệnh này.',
    en: 'This case does not exist.',
  },
  contact_not_found: {
    status: 404,
    vi: 'Không tìm thấy người tiếp xúc này.',
    en: 'This contact does not exist.',
  },
  case_exists: {
    status: 409,
    vi: 'Người này đã là một ca bệnh đang theo dõi.',
    en: 'This person is already an active case.',
  },
  date_order: {
    status: 400,
    vi: 'Ngày kết thúc không được trước ngày bắt đầu.',
    en: 'The end date cannot be before the start date.',
  },
  date_in_future: {
    status: 400,
    vi: 'Ngày này chưa tới.',
    en: 'This date is in the future.',
  },
  contact_already_case: {
    status: 409,
    vi: 'Người tiếp xúc này đã được chuyển thành ca bệnh.',
    en: 'This contact has already become a case.',
  },
  zone_ring_not_closed: {
    status: 400,
    vi: 'Vùng vẽ chưa khép kín: điểm cuối phải trùng điểm đầu.',
    en: 'The zone is not closed: its last point must be its first.',
  },
  zone_self_intersecting: {
    status: 400,
    vi: 'Các cạnh của vùng cắt nhau. Hãy vẽ lại theo một vòng không chéo nhau.',
    en: 'The zone\'s edges cross each other. Draw it again as one ring that does not cross itself.',
  },
  zone_too_large: {
    status: 400,
    vi: 'Vùng quá rộng. Hãy vẽ đúng khu vực cần phong tỏa hoặc cách ly.',
    en: 'The zone is too large. Draw only the area to lock down or isolate.',
  },
  zone_too_small: {
    status: 400,
    vi: 'Vùng quá nhỏ hoặc các điểm trùng nhau.',
    en: 'The zone is too small, or its points coincide.',
  },
  zone_outside_province: {
    status: 400,
    vi: 'Vùng nằm ngoài tỉnh.',
    en: 'The zone lies outside the province.',
  },
  criteria_mismatch: {
    status: 400,
    vi: 'Câu trả lời không khớp bộ tiêu chí của loại địa điểm này. Hãy tải lại trang và đánh giá lại.',
    en: 'The answers do not match the criteria for this kind of place. Reload the page and assess again.',
  },
  period_reversed: {
    status: 400,
    vi: 'Ngày kết thúc phải sau ngày bắt đầu.',
    en: 'The end date must be after the start date.',
  },
  period_too_long: {
    status: 400,
    vi: 'Kỳ báo cáo dài quá một năm.',
    en: 'The reporting period is longer than a year.',
  },
  submission_exists: {
    status: 409,
    vi: 'Kỳ này đã nộp báo cáo. Muốn nộp lại, hãy ghi lý do; bản mới sẽ là một phiên bản khác.',
    en: 'A report for this period was already submitted. To submit again, give a reason; it becomes a new version.',
  },
  not_your_unit: {
    status: 403,
    vi: 'Chỉ cán bộ của đơn vị này mới nộp được báo cáo của đơn vị.',
    en: "Only the unit's own officials can submit its report.",
  },
  internal_error: {
    status: 500,
    vi: 'Hệ thống gặp sự cố. Vui lòng thử lại sau.',
    en: 'Something went wrong on our side. Please try again later.',
  },
  not_ready: {
    status: 503,
    vi: 'Hệ thống đang khởi động hoặc bảo trì. Vui lòng thử lại sau.',
    en: 'The service is starting or under maintenance. Try again later.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  field?: string;
}

export function errorMessage(code: ErrorCode, lang: Language): string {
  return ERRORS[code][lang];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERRORS, value);
}

/** Picks the language from an Accept-Language header; Vietnamese unless English is preferred. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
