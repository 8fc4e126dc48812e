import type { PlaceType } from './places.js';

/** One measure a place can have in place; its points are the risk left when it is missing. */
export interface SafetyCriterion {
  id: string;
  vi: string;
  en: string;
  points: number;
}

export interface SafetyCriteriaSet {
  id: string;
  title: { vi: string; en: string };
  placeTypes: readonly PlaceType[];
  criteria: readonly SafetyCriterion[];
}

// Measures from the Ministry of Health's 2020–2021 guidance for workplaces, schools, markets,
// restaurants and transport (the "safe COVID" self-assessment), weighted by how much risk each
// leaves when missing. Shared measures first; each set adds those of its kind of place.
const SHARED: SafetyCriterion[] = [
  { id: 'qr_checkin', vi: 'Có mã QR điểm kiểm dịch ở mọi lối vào và mọi người đều quét khi vào, ra', en: 'QR checkpoint codes at every entrance, and everyone scans in and out', points: 10 },
  { id: 'masks', vi: 'Nhân viên và khách đeo khẩu trang suốt thời gian ở đây', en: 'Staff and visitors wear masks the whole time they are here', points: 10 },
  { id: 'hand_hygiene', vi: 'Có nước rửa tay hoặc dung dịch sát khuẩn ở lối vào và nơi đông người', en: 'Hand washing or sanitiser at the entrance and busy spots', points: 8 },
  { id: 'distance', vi: 'Giữ khoảng cách tối thiểu 1 mét giữa mọi người', en: 'At least 1 metre between people', points: 10 },
  { id: 'ventilation', vi: 'Phòng thông thoáng, mở cửa sổ; hạn chế phòng kín dùng điều hòa', en: 'Rooms are aired, windows open; closed air-conditioned rooms avoided', points: 8 },
  { id: 'cleaning', vi: 'Lau khử khuẩn bề mặt hay chạm (tay nắm cửa, quầy, bàn) nhiều lần mỗi ngày', en: 'Frequently touched surfaces (handles, counters, tables) disinfected several times a day', points: 6 },
  { id: 'staff_health', vi: 'Nhân viên khai báo y tế và được theo dõi sức khỏe hằng ngày', en: 'Staff declare their health and are checked every day', points: 8 },
  { id: 'staff_vaccinated', vi: 'Toàn bộ nhân viên đã tiêm đủ liều vắc-xin', en: 'All staff have completed their vaccination', points: 8 },
  { id: 'isolation_area', vi: 'Có khu vực cách ly tạm thời cho người có triệu chứng', en: 'A temporary isolation area for anyone with symptoms', points: 6 },
  { id: 'safety_team', vi: 'Có tổ an toàn COVID và phương án xử lý khi có ca nghi nhiễm', en: 'A COVID safety team and a plan for a suspected case', points: 6 },
  { id: 'capacity_limit', vi: 'Giới hạn số người có mặt cùng lúc theo diện tích', en: 'The number of people at once is limited to the floor area', points: 8 },
  { id: 'waste', vi: 'Thùng rác có nắp cho khẩu trang, khăn giấy đã dùng', en: 'Lidded bins for used masks and tissues', points: 3 },
];

export const SAFETY_CRITERIA_SETS: readonly SafetyCriteriaSet[] = [
  {
    id: 'food_service',
    title: { vi: 'Nhà hàng, quán ăn, cà phê', en: 'Restaurants, eateries, cafés' },
    placeTypes: ['restaurant_cafe'],
    criteria: [
      ...SHARED,
      { id: 'table_spacing', vi: 'Bàn cách nhau ít nhất 2 mét hoặc có vách ngăn', en: 'Tables 2 metres apart or separated by screens', points: 8 },
      { id: 'no_shared_utensils', vi: 'Không dùng chung dụng cụ ăn uống; đồ dùng được rửa bằng nước nóng', en: 'No shared utensils; tableware washed in hot water', points: 5 },
      { id: 'takeaway', vi: 'Khuyến khích mua mang về, giao hàng; thanh toán không tiền mặt', en: 'Take-away, delivery and cashless payment encouraged', points: 4 },
    ],
  },
  {
    id: 'market',
    title: { vi: 'Chợ, siêu thị, trung tâm thương mại', en: 'Markets, supermarkets, shopping malls' },
    placeTypes: ['market', 'supermarket_mall'],
    criteria: [
      ...SHARED,
      { id: 'one_way', vi: 'Lối đi một chiều, tách lối vào và lối ra', en: 'One-way aisles, separate entrance and exit', points: 6 },
      { id: 'stall_spacing', vi: 'Các sạp, quầy cách nhau ít nhất 2 mét', en: 'Stalls and counters at least 2 metres apart', points: 8 },
      { id: 'traders_tested', vi: 'Tiểu thương, nhân viên được xét nghiệm định kỳ khi địa phương yêu cầu', en: 'Traders and staff tested regularly when the commune asks', points: 6 },
    ],
  },
  {
    id: 'school',
    title: { vi: 'Trường học', en: 'Schools' },
    placeTypes: ['school'],
    criteria: [
      ...SHARED,
      { id: 'class_groups', vi: 'Học sinh học và ăn theo lớp cố định, không trộn lớp', en: 'Pupils study and eat in fixed class groups that do not mix', points: 8 },
      { id: 'staggered_breaks', vi: 'Giờ vào lớp, ra chơi, tan học so le giữa các khối', en: 'Staggered arrival, break and leaving times between grades', points: 6 },
      { id: 'parents_outside', vi: 'Phụ huynh đưa đón ngoài cổng, không vào khuôn viên', en: 'Parents drop off and pick up at the gate, not inside', points: 5 },
    ],
  },
  {
    id: 'workplace',
    title: { vi: 'Cơ quan, doanh nghiệp, nhà máy', en: 'Offices, businesses, factories' },
    placeTypes: ['agency', 'factory_enterprise', 'health_facility', 'other'],
    criteria: [
      ...SHARED,
      { id: 'shift_groups', vi: 'Chia ca, chia nhóm làm việc cố định, hạn chế tiếp xúc giữa các nhóm', en: 'Shifts and fixed work groups, little contact between groups', points: 8 },
      { id: 'canteen', vi: 'Nhà ăn có vách ngăn, giãn cách, ăn theo ca', en: 'Canteen with screens, spacing and meals by shift', points: 6 },
      { id: 'shuttle', vi: 'Xe đưa đón công nhân giãn cách, có danh sách người đi', en: 'Staff buses spaced out, with passenger lists', points: 5 },
      { id: 'remote_meetings', vi: 'Họp trực tuyến khi có thể; hạn chế khách đến làm việc', en: 'Online meetings where possible; few outside visitors', points: 4 },
    ],
  },
  {
    id: 'transport',
    title: { vi: 'Bến xe, nhà ga, bến cảng', en: 'Bus and railway stations, ports' },
    placeTypes: ['station_port'],
    criteria: [
      ...SHARED,
      { id: 'passenger_lists', vi: 'Lập danh sách hành khách mỗi chuyến (họ tên, điện thoại, số ghế)', en: 'A passenger list for every trip (name, phone, seat)', points: 8 },
      { id: 'seat_spacing', vi: 'Giãn cách chỗ ngồi trong phòng chờ và trên xe', en: 'Spaced seating in waiting rooms and vehicles', points: 6 },
      { id: 'vehicle_disinfection', vi: 'Khử khuẩn phương tiện sau mỗi chuyến', en: 'Vehicles disinfected after every trip', points: 5 },
    ],
  },
  {
    id: 'general',
    title: { vi: 'Địa điểm công cộng khác', en: 'Other public places' },
    placeTypes: ['hotel', 'tourist_site', 'religious_site', 'residential_building'],
    criteria: [
      ...SHARED,
      { id: 'events_limited', vi: 'Không tổ chức sự kiện tập trung đông người', en: 'No events that gather crowds', points: 6 },
      { id: 'guest_register', vi: 'Ghi nhận thông tin khách lưu trú, khách tham quan', en: 'Guests and visitors are registered', points: 5 },
    ],
  },
];

/** The criteria set a place of this type answers. */
export function criteriaSetFor(placeType: PlaceType): SafetyCriteriaSet {
  return SAFETY_CRITERIA_SETS.find((set) => set.placeTypes.includes(placeType)) ?? (SAFETY_CRITERIA_SETS.at(-1) as SafetyCriteriaSet);
}

/** The risk left by the measures not in place, in percent of all the set's points (0 when everything is in place). */
export function riskPercentOf(set: SafetyCriteriaSet, answers: Readonly<Record<string, boolean>>): number {
  const total = set.criteria.reduce((sum, c) => sum + c.points, 0);
  const missing = set.criteria.reduce((sum, c) => sum + (answers[c.id] ? 0 : c.points), 0);
  return Math.round((missing / total) * 1000) / 10;
}
