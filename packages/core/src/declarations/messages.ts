/**
 * Validation messages of the declaration schemas, by message key, in both languages. They are merged into
 * core's validation messages, so keys must not clash with the generic ones (required, too_long…).
 * Each says what to do, because the reader is fixing a form on a phone.
 */
export const DECLARATION_MESSAGES: Record<string, { vi: string; en: string }> = {
  id_number_format_cccd: {
    vi: 'Số căn cước gồm đúng 12 chữ số, ví dụ 001099012345.',
    en: 'An identity card number has exactly 12 digits, e.g. 001099012345.',
  },
  id_number_format_cmnd: {
    vi: 'Số CMND gồm 9 hoặc 12 chữ số.',
    en: 'An old identity card (CMND) number has 9 or 12 digits.',
  },
  id_number_format_passport: {
    vi: 'Số hộ chiếu gồm 6–9 chữ cái hoặc chữ số, không dấu cách, ví dụ C1234567.',
    en: 'A passport number has 6–9 letters or digits without spaces, e.g. C1234567.',
  },
  id_number_format_travel_document: {
    vi: 'Số giấy thông hành gồm 5–20 chữ cái hoặc chữ số, không dấu cách.',
    en: 'A travel document number has 5–20 letters or digits without spaces.',
  },
  id_number_unexpected: {
    vi: 'Đã chọn “chưa có giấy tờ”: xóa số giấy tờ, hoặc chọn đúng loại giấy tờ.',
    en: 'You chose “no identity document”: clear the number, or choose the right kind of document.',
  },
  id_required_from_14: {
    vi: 'Người từ 14 tuổi trở lên cần nhập số căn cước, CMND hoặc hộ chiếu.',
    en: 'People aged 14 or over need an identity card, old identity card or passport number.',
  },
  birth_year_future: {
    vi: 'Năm sinh không thể sau năm nay. Nhập lại năm sinh.',
    en: 'The year of birth cannot be after this year. Enter it again.',
  },
  birth_year_too_early: {
    vi: 'Năm sinh phải từ 1900 trở đi. Nhập đủ 4 chữ số, ví dụ 1975.',
    en: 'The year of birth must be 1900 or later. Enter all 4 digits, e.g. 1975.',
  },
  phone_vn_or_international: {
    vi: 'Nhập số Việt Nam 10 chữ số (ví dụ 0912345678), hoặc số nước ngoài bắt đầu bằng + và mã quốc gia (ví dụ +65 6123 4567).',
    en: 'Enter a 10-digit Vietnamese number (e.g. 0912345678), or a foreign number starting with + and the country code (e.g. +65 6123 4567).',
  },
  phone_international_invalid: {
    vi: 'Số nước ngoài gồm dấu +, mã quốc gia và số thuê bao, tổng cộng 7–15 chữ số, ví dụ +65 6123 4567.',
    en: 'A foreign number is +, the country code and the subscriber number, 7–15 digits in all, e.g. +65 6123 4567.',
  },
  email_invalid: {
    vi: 'Địa chỉ email chưa đúng, ví dụ ten@example.com. Có thể để trống.',
    en: 'This email address is not valid, e.g. name@example.com. You may leave it empty.',
  },
  unknown_country: {
    vi: 'Chọn quốc gia/vùng lãnh thổ trong danh sách.',
    en: 'Choose a country or territory from the list.',
  },
  unknown_gate: {
    vi: 'Chọn cửa khẩu nhập cảnh trong danh sách.',
    en: 'Choose the border gate of entry from the list.',
  },
  province_code_format: {
    vi: 'Chọn tỉnh/thành phố trong danh sách.',
    en: 'Choose a province or city from the list.',
  },
  district_code_format: {
    vi: 'Chọn quận/huyện trong danh sách, hoặc để trống.',
    en: 'Choose a district from the list, or leave it empty.',
  },
  commune_code_format: {
    vi: 'Chọn phường/xã trong danh sách.',
    en: 'Choose a ward or commune from the list.',
  },
  unknown_unit: {
    vi: 'Không tìm thấy địa phương này. Chọn lại trong danh sách.',
    en: 'This place is not in the list of administrative units. Choose it again from the list.',
  },
  unit_not_in_parent: {
    vi: 'Địa phương này không thuộc tỉnh hoặc quận/huyện đã chọn. Chọn lại.',
    en: 'This place is not in the province or district chosen above. Choose it again.',
  },
  date_invalid: {
    vi: 'Ngày chưa đúng. Chọn ngày trên lịch hoặc nhập theo dạng ngày/tháng/năm.',
    en: 'This date is not valid. Pick it on the calendar or type it as dd/mm/yyyy.',
  },
  date_in_future: {
    vi: 'Ngày này chưa đến. Chọn ngày hôm nay hoặc trước đó.',
    en: 'This date has not come yet. Choose today or an earlier day.',
  },
  entry_before_departure: {
    vi: 'Ngày nhập cảnh phải từ ngày khởi hành trở đi. Kiểm tra lại hai ngày.',
    en: 'The entry date must be on or after the departure date. Check both dates.',
  },
  gate_vehicle_mismatch: {
    vi: 'Cửa khẩu không khớp với phương tiện: máy bay đến cảng hàng không, ô tô qua cửa khẩu đường bộ, tàu thuyền không đến cảng hàng không.',
    en: 'The border gate does not match the vehicle: planes land at airports, cars cross at land gates, ships do not arrive at airports.',
  },
  vehicle_other_required: {
    vi: 'Ghi rõ phương tiện đã đi.',
    en: 'Say which vehicle you travelled by.',
  },
  vehicle_number_required: {
    vi: 'Nhập số hiệu chuyến bay, chuyến tàu hoặc biển số xe.',
    en: 'Enter the flight number, train or ship number, or the coach number plate.',
  },
  daily_symptoms_required: {
    vi: 'Chọn các triệu chứng hôm nay, hoặc chọn “Khỏe mạnh”.',
    en: 'Choose today’s symptoms, or choose “Healthy”.',
  },
  healthy_with_symptoms: {
    vi: 'Đã chọn “Khỏe mạnh” thì không chọn triệu chứng nào khác. Bỏ một trong hai.',
    en: '“Healthy” cannot go with a symptom. Untick one of them.',
  },
  duplicate_choice: {
    vi: 'Một lựa chọn bị lặp lại. Mỗi lựa chọn chỉ chọn một lần.',
    en: 'A choice appears twice. Choose each one only once.',
  },
  unknown_form_version: {
    vi: 'Mẫu tờ khai này không còn được hỗ trợ. Tải lại trang để khai theo mẫu mới.',
    en: 'This version of the form is no longer supported. Reload the page to fill in the current form.',
  },
  place_id_format: {
    vi: 'Mã cơ sở y tế không đúng. Quét lại mã QR tại cơ sở.',
    en: 'The facility code is not valid. Scan the facility’s QR code again.',
  },
  visit_reason_note_required: {
    vi: 'Ghi rõ lý do đến cơ sở y tế.',
    en: 'Say why you are coming to the facility.',
  },
};
