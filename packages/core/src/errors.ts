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
  totp_required: {
    status: 401,
    vi: 'Nhập mã 6 chữ số từ ứng dụng xác thực (hoặc một mã khôi phục).',
    en: 'Enter the 6-digit code from your authenticator app (or a recovery code).',
  },
  totp_invalid: {
    status: 401,
    vi: 'Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã mới nhất trong ứng dụng.',
    en: 'This code is wrong or already used. Enter the latest code from your app.',
  },
  totp_already_enabled: {
    status: 409,
    vi: 'Tài khoản đã bật xác thực hai lớp.',
    en: 'Two-step verification is already on for this account.',
  },
  totp_not_started: {
    status: 409,
    vi: 'Chưa bắt đầu cài đặt xác thực hai lớp (hoặc đã tắt).',
    en: 'Two-step verification has not been set up (or is off).',
  },
  totp_enrolment_required: {
    status: 403,
    vi: 'Vai trò của bạn bắt buộc dùng xác thực hai lớp. Hãy bật xác thực hai lớp ở trang Tài khoản của tôi để tiếp tục.',
    en: 'Your role must use two-step verification. Turn it on in My account to continue.',
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
  exposure_code_invalid: {
    status: 400,
    vi: 'Mã xác nhận không đúng. Hãy kiểm tra lại mã cán bộ y tế đã đưa cho bạn.',
    en: 'This verification code is not right. Check the code the health official gave you.',
  },
  exposure_code_expired: {
    status: 410,
    vi: 'Mã xác nhận đã hết hạn. Hãy xin cán bộ y tế một mã mới.',
    en: 'This verification code has expired. Ask the health official for a new one.',
  },
  exposure_code_used: {
    status: 409,
    vi: 'Mã xác nhận này đã được dùng. Mỗi mã chỉ dùng được một lần; hãy xin cán bộ y tế mã mới nếu cần.',
    en: 'This verification code has already been used. Each code works once; ask the health official for a new one if needed.',
  },
  exposure_token_invalid: {
    status: 400,
    vi: 'Phiên gửi khóa đã hết hạn. Hãy nhập lại mã xác nhận, hoặc xin mã mới.',
    en: 'The upload session has expired. Enter the verification code again, or ask for a new one.',
  },
  exposure_certificate_invalid: {
    status: 400,
    vi: 'Chứng nhận gửi khóa không hợp lệ hoặc đã hết hạn. Hãy nhập lại mã xác nhận.',
    en: 'The upload certificate is not valid or has expired. Enter the verification code again.',
  },
  exposure_hmac_mismatch: {
    status: 400,
    vi: 'Các khóa gửi lên không khớp với chứng nhận. Hãy thử gửi lại từ đầu.',
    en: 'The keys sent do not match the certificate. Start the upload again.',
  },
  exposure_too_many_keys: {
    status: 400,
    vi: 'Gửi quá nhiều khóa một lần (tối đa 30).',
    en: 'Too many keys in one upload (at most 30).',
  },
  exposure_key_invalid: {
    status: 400,
    vi: 'Có khóa không hợp lệ: sai độ dài, sai thời hạn, ở tương lai hoặc quá 14 ngày. Không khóa nào được công bố.',
    en: 'A key is not valid: wrong size, wrong period, in the future or older than 14 days. No key was published.',
  },
  exposure_key_duplicate: {
    status: 400,
    vi: 'Có khóa bị trùng hoặc hai khóa cùng một khoảng thời gian. Không khóa nào được công bố.',
    en: 'A key is repeated, or two keys cover the same time. No key was published.',
  },
  exposure_key_not_published: {
    status: 404,
    vi: 'Không tìm thấy khóa này trong các khóa đã công bố. Hãy kiểm tra phơi nhiễm lại rồi thử chia sẻ.',
    en: 'This key is not among the published keys. Run the exposure check again, then share.',
  },
  exposure_export_busy: {
    status: 409,
    vi: 'Một lượt xuất khóa đang chạy. Hãy thử lại sau ít phút.',
    en: 'A key export is already running. Try again in a few minutes.',
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
  campaign_not_found: {
    status: 404,
    vi: 'Không tìm thấy chiến dịch tin nhắn này.',
    en: 'This message campaign does not exist.',
  },
  template_variable_unknown: {
    status: 400,
    vi: 'Mẫu tin có biến không được hỗ trợ. Chỉ dùng {unit}, {date}, {url} hoặc {hotline}.',
    en: 'The message uses a variable that is not supported. Use only {unit}, {date}, {url} or {hotline}.',
  },
  audience_empty: {
    status: 400,
    vi: 'Không có người nhận nào trong đối tượng đã chọn. Hãy chọn đơn vị hoặc danh sách khác.',
    en: 'Nobody is in the chosen audience. Choose another unit or list.',
  },
  recurrence_end_required: {
    status: 400,
    vi: 'Lịch lặp lại cần có điểm kết thúc: số lần gửi hoặc ngày kết thúc.',
    en: 'A repeating schedule needs an end: a number of runs or an end date.',
  },
  recurrence_too_long: {
    status: 400,
    vi: 'Lịch lặp lại có quá nhiều lần gửi (tối đa 366). Hãy rút ngắn thời gian.',
    en: 'The schedule has too many runs (at most 366). Shorten it.',
  },
  campaign_start_past: {
    status: 400,
    vi: 'Thời điểm bắt đầu đã qua. Chọn một thời điểm trong tương lai, hoặc gửi ngay.',
    en: 'The start time has passed. Choose a time in the future, or send now.',
  },
  custom_list_invalid: {
    status: 400,
    vi: 'Danh sách người nhận có dòng không hợp lệ. Sửa các dòng được báo rồi thử lại.',
    en: 'Some rows of the recipient list are not valid. Fix the rows shown and try again.',
  },
  campaign_finished: {
    status: 409,
    vi: 'Chiến dịch đã kết thúc hoặc đã hủy.',
    en: 'This campaign has already finished or was cancelled.',
  },
  test_address_required: {
    status: 400,
    vi: 'Tài khoản của bạn chưa có số điện thoại (hoặc thư điện tử) để nhận tin thử. Hãy nhập vào.',
    en: 'Your account has no phone number (or e-mail) to receive the test. Enter one.',
  },
  push_not_configured: {
    status: 409,
    vi: 'Máy chủ chưa bật thông báo đẩy. Bạn vẫn nhận tin qua SMS.',
    en: 'Push notifications are not set up on this server. You will still get messages by SMS.',
  },
  webhook_signature_invalid: {
    status: 401,
    vi: 'Chữ ký của yêu cầu không đúng hoặc đã quá hạn.',
    en: 'The request signature is wrong or too old.',
  },
  api_key_invalid: {
    status: 401,
    vi: 'Khóa API không hợp lệ, đã bị thu hồi hoặc đã được thay. Hãy dùng khóa mới do quản trị viên cấp.',
    en: 'The API key is not valid, was revoked or was replaced. Use the key your administrator issued.',
  },
  api_key_not_found: {
    status: 404,
    vi: 'Không tìm thấy khóa API này.',
    en: 'This API key does not exist.',
  },
  api_key_revoked: {
    status: 409,
    vi: 'Khóa API này đã bị thu hồi.',
    en: 'This API key has been revoked.',
  },
  webhook_not_found: {
    status: 404,
    vi: 'Không tìm thấy webhook này.',
    en: 'This webhook does not exist.',
  },
  webhook_url_not_allowed: {
    status: 400,
    vi: 'Địa chỉ webhook phải dùng https (http chỉ được dùng cho máy nội bộ hoặc khi cấu hình cho phép).',
    en: 'Webhook addresses must use https (http only for this machine, or where the configuration allows it).',
  },
  fhir_resource_invalid: {
    status: 400,
    vi: 'Tài nguyên FHIR gửi lên không hợp lệ hoặc không được hỗ trợ. Không dữ liệu nào được lưu.',
    en: 'The FHIR resource sent is not valid or not supported. Nothing was stored.',
  },
  lab_result_invalid: {
    status: 400,
    vi: 'Có kết quả xét nghiệm không hợp lệ. Không kết quả nào được lưu.',
    en: 'A lab result is not valid. No result was stored.',
  },
  lab_result_duplicate: {
    status: 409,
    vi: 'Mã kết quả xét nghiệm bị trùng: lặp lại trong cùng một lần gửi, hoặc đã nhận với nội dung khác. Không kết quả nào được lưu.',
    en: 'A lab result id is repeated in one submission, or was received before with different content. No result was stored.',
  },
  lab_result_not_found: {
    status: 404,
    vi: 'Không tìm thấy kết quả xét nghiệm này.',
    en: 'This lab result does not exist.',
  },
  lab_result_handled: {
    status: 409,
    vi: 'Kết quả xét nghiệm này đã được xử lý.',
    en: 'This lab result has already been handled.',
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
  /** What exactly was refused, when the code alone does not say (the unknown variables, the bad rows). */
  details?: Record<string, unknown>;
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
