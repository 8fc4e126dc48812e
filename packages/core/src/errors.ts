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
