// Choice lists of the health-declaration forms (PRODUCT.md §5). Codes are stored in records and must never
// change meaning; labels follow the wording of the national forms (NCOVI, VHD) so people recognise them.
// Wording that named COVID-19 on the 2020–2021 forms names "the disease" here: the disease is configuration.

/** One choice of a list: a stable code and its label in both languages. */
export interface DeclarationOption {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

/** The codes of an option list as a non-empty tuple, ready for z.enum. */
export function optionCodes<const T extends readonly DeclarationOption[]>(list: T): [T[number]['code'], ...T[number]['code'][]] {
  return list.map((option) => option.code) as [T[number]['code'], ...T[number]['code'][]];
}

/** Who fills in the form: "declare for someone else" covers family members and people without smartphones. */
export const DECLARED_FOR = [
  { code: 'self', vi: 'Bản thân', en: 'Myself' },
  { code: 'family', vi: 'Người thân trong gia đình', en: 'A family member' },
  { code: 'other', vi: 'Người khác (không có điện thoại thông minh)', en: 'Someone else (without a smartphone)' },
] as const;

/** Genders as offered on the national forms. */
export const GENDERS = [
  { code: 'male', vi: 'Nam', en: 'Male' },
  { code: 'female', vi: 'Nữ', en: 'Female' },
  { code: 'other', vi: 'Khác', en: 'Other' },
] as const;

/**
 * Identity documents. Children under 14 need not hold one, and family members declare for them,
 * so "none" exists; the person rules refuse it for older people.
 */
export const ID_DOCUMENT_TYPES = [
  { code: 'cccd', vi: 'Căn cước công dân / Căn cước (12 số)', en: 'Citizen identity card (12 digits)' },
  { code: 'cmnd', vi: 'Chứng minh nhân dân (CMND)', en: 'Old identity card (CMND)' },
  { code: 'passport', vi: 'Hộ chiếu', en: 'Passport' },
  { code: 'travel_document', vi: 'Giấy thông hành hợp pháp khác', en: 'Other valid travel document' },
  { code: 'none', vi: 'Trẻ em chưa có giấy tờ tùy thân', en: 'Child without an identity document' },
] as const;

/** Vehicles of the domestic-movement form. */
export const MOVEMENT_VEHICLES = [
  { code: 'plane', vi: 'Máy bay', en: 'Plane' },
  { code: 'train', vi: 'Tàu hỏa', en: 'Train' },
  { code: 'coach', vi: 'Xe khách', en: 'Coach' },
  { code: 'ship', vi: 'Tàu thuyền', en: 'Ship or boat' },
  { code: 'personal', vi: 'Phương tiện cá nhân', en: 'Own vehicle' },
] as const;

/** Vehicles of the entry (VHD) form. */
export const ENTRY_VEHICLES = [
  { code: 'plane', vi: 'Máy bay', en: 'Plane' },
  { code: 'ship', vi: 'Tàu thuyền', en: 'Ship or boat' },
  { code: 'car', vi: 'Ô tô', en: 'Car' },
  { code: 'other', vi: 'Khác (ghi rõ)', en: 'Other (specify)' },
] as const;

/** Symptoms of the domestic (NCOVI) form; a symptom keeps the same code in every list. */
export const DOMESTIC_SYMPTOMS = [
  { code: 'fever', vi: 'Sốt', en: 'Fever' },
  { code: 'cough', vi: 'Ho', en: 'Cough' },
  { code: 'shortness_of_breath', vi: 'Khó thở', en: 'Shortness of breath' },
  { code: 'pneumonia', vi: 'Viêm phổi', en: 'Pneumonia' },
  { code: 'sore_throat', vi: 'Đau họng', en: 'Sore throat' },
  { code: 'fatigue', vi: 'Mệt mỏi', en: 'Tiredness' },
] as const;

/** The eight symptoms of the entry (VHD) form. */
export const ENTRY_SYMPTOMS = [
  { code: 'fever', vi: 'Sốt', en: 'Fever' },
  { code: 'cough', vi: 'Ho', en: 'Cough' },
  { code: 'shortness_of_breath', vi: 'Khó thở', en: 'Shortness of breath' },
  { code: 'sore_throat', vi: 'Đau họng', en: 'Sore throat' },
  { code: 'nausea', vi: 'Nôn/buồn nôn', en: 'Nausea or vomiting' },
  { code: 'diarrhoea', vi: 'Tiêu chảy', en: 'Diarrhoea' },
  { code: 'skin_haemorrhage', vi: 'Xuất huyết ngoài da', en: 'Bleeding under the skin' },
  { code: 'rash', vi: 'Nổi ban ngoài da', en: 'Skin rash' },
] as const;

/** The daily update's choices; "healthy" excludes every other one. */
export const DAILY_SYMPTOMS = [
  { code: 'fever', vi: 'Sốt', en: 'Fever' },
  { code: 'cough', vi: 'Ho', en: 'Cough' },
  { code: 'shortness_of_breath', vi: 'Khó thở', en: 'Shortness of breath' },
  { code: 'body_ache_fatigue', vi: 'Đau người, mệt mỏi', en: 'Body aches, tiredness' },
  { code: 'healthy', vi: 'Khỏe mạnh, không có triệu chứng', en: 'Healthy, no symptoms' },
] as const;

/** The code of the daily choice that means "no symptoms". */
export const HEALTHY = 'healthy';

/** Underlying conditions of the domestic form; pregnancy is on the same list there. */
export const CHRONIC_CONDITIONS = [
  { code: 'chronic_liver', vi: 'Bệnh gan mãn tính', en: 'Chronic liver disease' },
  { code: 'chronic_blood', vi: 'Bệnh máu mãn tính', en: 'Chronic blood disease' },
  { code: 'chronic_lung', vi: 'Bệnh phổi mãn tính', en: 'Chronic lung disease' },
  { code: 'chronic_kidney', vi: 'Bệnh thận mãn tính', en: 'Chronic kidney disease' },
  { code: 'heart', vi: 'Bệnh tim mạch', en: 'Heart disease' },
  { code: 'high_blood_pressure', vi: 'Huyết áp cao', en: 'High blood pressure' },
  { code: 'hiv_immunodeficiency', vi: 'HIV hoặc suy giảm miễn dịch', en: 'HIV or a weakened immune system' },
  { code: 'transplant', vi: 'Người nhận ghép tạng, tủy xương', en: 'Organ or bone marrow transplant recipient' },
  { code: 'diabetes', vi: 'Tiểu đường', en: 'Diabetes' },
  { code: 'cancer', vi: 'Ung thư', en: 'Cancer' },
  { code: 'pregnancy', vi: 'Có thai', en: 'Pregnant' },
] as const;

/** Who is entering (VHD); the categories of the 2021 entry rules, which set different quarantine terms. */
export const TRAVELLER_TYPES = [
  { code: 'vietnamese_citizen', vi: 'Công dân Việt Nam', en: 'Vietnamese citizen' },
  { code: 'overseas_vietnamese', vi: 'Người Việt Nam định cư ở nước ngoài', en: 'Overseas Vietnamese' },
  { code: 'expert_investor_worker', vi: 'Chuyên gia, nhà đầu tư, lao động nước ngoài', en: 'Foreign expert, investor or worker' },
  { code: 'diplomatic_official', vi: 'Người nhập cảnh làm việc ngoại giao, công vụ', en: 'Diplomatic or official visit' },
  { code: 'tourist', vi: 'Khách du lịch', en: 'Tourist' },
  { code: 'student', vi: 'Học sinh, sinh viên', en: 'Student' },
  { code: 'transport_crew', vi: 'Tổ bay, thuyền viên, lái xe vận tải', en: 'Aircrew, ship crew or transport driver' },
  { code: 'other', vi: 'Khác', en: 'Other' },
] as const;

/** Where an arriving traveller will be quarantined. */
export const QUARANTINE_CHOICES = [
  { code: 'centralized', vi: 'Cách ly tập trung', en: 'Government quarantine facility' },
  { code: 'hotel', vi: 'Cách ly tại khách sạn, cơ sở lưu trú (tự chi trả)', en: 'Hotel or other paid quarantine place' },
  { code: 'home', vi: 'Cách ly tại nhà, nơi lưu trú', en: 'At home or at the place of stay' },
  { code: 'exempt', vi: 'Không thuộc diện phải cách ly', en: 'Not required to quarantine' },
] as const;

/** Results of the test taken before or at entry. */
export const TEST_RESULTS = [
  { code: 'negative', vi: 'Âm tính', en: 'Negative' },
  { code: 'positive', vi: 'Dương tính', en: 'Positive' },
  { code: 'pending', vi: 'Đang chờ kết quả', en: 'Waiting for the result' },
  { code: 'not_tested', vi: 'Chưa xét nghiệm', en: 'Not tested' },
] as const;

/** The three contact questions of the domestic form; each code is the name of its yes/no field. */
export const CONTACT_QUESTIONS = [
  { code: 'contactWithCase', vi: 'Người bệnh hoặc nghi ngờ mắc bệnh', en: 'A patient or a suspected patient' },
  { code: 'contactWithTraveller', vi: 'Người từ nước có bệnh', en: 'Someone from a country where the disease is present' },
  {
    code: 'contactWithSymptomatic',
    vi: 'Người có biểu hiện (sốt, ho, khó thở, viêm phổi)',
    en: 'Someone with symptoms (fever, cough, shortness of breath, pneumonia)',
  },
] as const;

/** The exposure-history questions of the entry form; each code is the name of its yes/no field. */
export const EXPOSURE_QUESTIONS = [
  {
    code: 'animalContact',
    vi: 'Đến trang trại chăn nuôi / chợ buôn bán động vật sống / cơ sở giết mổ động vật / tiếp xúc động vật',
    en: 'Visited a livestock farm, a live-animal market or a slaughterhouse, or touched animals',
  },
  {
    code: 'closeContactWithCase',
    vi: 'Tiếp xúc gần (dưới 2 m) với người mắc bệnh',
    en: 'Been in close contact (less than 2 m) with someone who has the disease',
  },
] as const;

/** Why someone comes to a medical facility. */
export const VISIT_REASONS = [
  { code: 'examination', vi: 'Khám, chữa bệnh', en: 'Examination or treatment' },
  { code: 'accompanying', vi: 'Đi cùng, chăm sóc người bệnh', en: 'Accompanying or caring for a patient' },
  { code: 'visiting', vi: 'Thăm người bệnh', en: 'Visiting a patient' },
  { code: 'work', vi: 'Công tác, làm việc', en: 'Work' },
  { code: 'other', vi: 'Khác (ghi rõ)', en: 'Other (specify)' },
] as const;
