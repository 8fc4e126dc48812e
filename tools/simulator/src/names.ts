import { PLACE_TYPES } from '@phongdich/core';
import { hash2 } from './prng.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Hà', 'Nông', 'Triệu', 'Hoàng', 'Lục', 'Ma', 'Đàm', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Dương', 'Lý', 'Ngô', 'Lương'];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Công', 'Xuân'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Minh', 'Thanh', 'Hồng', 'Kim', 'Phương'];
const GIVEN_MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Duy', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt', 'Vinh', 'Toàn'];
const GIVEN_FEMALE = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Nhung', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Tuyết', 'Vân', 'Yến'];

function pick<T>(list: readonly T[], h: number): T {
  return list[h % list.length] as T;
}

/** A Vietnamese full name for a person, always the same for the same index. */
export function personName(person: number): string {
  const h = hash2(person, 0x6e616d65);
  const female = (h & 1) === 1;
  return [pick(FAMILY, h >>> 1), pick(female ? MIDDLE_FEMALE : MIDDLE_MALE, h >>> 6), pick(female ? GIVEN_FEMALE : GIVEN_MALE, h >>> 10)].join(' ');
}

/**
 * The person's mobile number in E.164 (+849 and eight digits from the index), so a run can be
 * signed into by phone and two runs with different offsets do not collide.
 */
export function personPhone(person: number, offset = 0): string {
  const n = person + offset;
  if (n < 0 || n >= 100_000_000) throw new RangeError('phone numbers run out after 100,000,000 people');
  return `+849${String(n).padStart(8, '0')}`;
}

const SCHOOLS = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT'];
const LABELS: Record<(typeof PLACE_TYPES)[number], readonly string[]> = {
  agency: ['Ủy ban nhân dân', 'Công an', 'Bưu điện', 'Trung tâm Phục vụ hành chính công', 'Chi cục Thuế', 'Ngân hàng Nông nghiệp'],
  school: SCHOOLS,
  health_facility: ['Trạm Y tế', 'Phòng khám đa khoa', 'Nhà thuốc', 'Trung tâm Y tế'],
  market: ['Chợ', 'Chợ phiên', 'Chợ đầu mối'],
  supermarket_mall: ['Siêu thị mini', 'Cửa hàng tiện lợi', 'Trung tâm thương mại'],
  restaurant_cafe: ['Quán phở', 'Quán cơm', 'Cà phê', 'Nhà hàng', 'Quán bún', 'Quán nướng', 'Trà sữa'],
  hotel: ['Nhà nghỉ', 'Khách sạn', 'Homestay'],
  station_port: ['Bến xe', 'Điểm đón khách', 'Bến đò'],
  tourist_site: ['Khu du lịch', 'Điểm tham quan'],
  factory_enterprise: ['Công ty TNHH', 'Nhà máy', 'Xưởng chế biến', 'Hợp tác xã'],
  religious_site: ['Chùa', 'Đền', 'Nhà thờ', 'Đình'],
  residential_building: ['Khu dân cư', 'Chung cư', 'Khu tập thể'],
  other: ['Tạp hóa', 'Cửa hàng điện thoại', 'Cửa hàng vật tư nông nghiệp', 'Tiệm tóc', 'Cửa hàng xe máy', 'Hiệu sách'],
};
const BRAND = ['Phú Thịnh', 'Hưng Long', 'An Khang', 'Minh Phát', 'Thành Đạt', 'Hoàng Gia', 'Tân Tiến', 'Bình An', 'Hồng Phúc', 'Việt Tiến'];

/**
 * A place's name from its type, its rank in its commune and the commune's short name:
 * "Trường Tiểu học Đức Xuân", "Chợ Phong Quang", "Quán phở Hương". Unique per commune and type.
 */
export function placeName(typeIndex: number, ordinal: number, communeShortName: string, place: number): string {
  const type = PLACE_TYPES[typeIndex] ?? 'other';
  const labels = LABELS[type];
  const label = labels[ordinal % labels.length] ?? '';
  const round = Math.floor(ordinal / labels.length);
  const suffix = round > 0 ? ` số ${round + 1}` : '';
  if (type === 'school' || type === 'agency' || type === 'market' || (type === 'health_facility' && ordinal % labels.length !== 2)) return `${label} ${communeShortName}${suffix}`;
  const given = personName(place).split(' ').at(-1) ?? '';
  const brand = type === 'factory_enterprise' || type === 'supermarket_mall' || type === 'hotel' ? pick(BRAND, hash2(place, 0x62)) : given;
  return `${label} ${brand}${suffix}`;
}

const STREETS = ['Trường Chinh', 'Nguyễn Văn Tố', 'Hùng Vương', 'Quang Trung', 'Võ Nguyên Giáp', 'Lê Lợi', 'Kon Tum', 'Thanh Niên'];

/** A street address: house number and street in wards, hamlet (thôn) in rural communes. */
export function placeAddress(place: number, communeShortName: string, ward: boolean): string {
  const h = hash2(place, 0x61646472);
  if (ward) return `Số ${1 + (h % 300)}, đường ${pick(STREETS, h >>> 9)}, ${communeShortName}`;
  return `Thôn ${pick(['Nà', 'Bản', 'Khuổi', 'Pác', 'Cốc', 'Nặm'], h >>> 9)} ${1 + ((h >>> 13) % 12)}, ${communeShortName}`;
}

/** A household's address, for callers that use households as shared addresses. */
export function householdAddress(household: number, communeShortName: string): string {
  const h = hash2(household, 0x686f6d65);
  return `Số ${1 + (h % 400)}, tổ ${1 + ((h >>> 9) % 25)}, ${communeShortName}`;
}
