/** Who a test declaration is for; the rest of the person is a plain adult of the home province. */
export interface DeclaringPerson {
  fullName: string;
  phone: string;
  idNumber: string;
  communeCode?: string;
}

/** A domestic health declaration as the citizen app sends it; `over` changes any answer. */
export function domesticDeclaration(who: DeclaringPerson, over: Record<string, unknown> = {}) {
  return {
    formVersion: 'domestic@1',
    declaredFor: 'self',
    person: {
      fullName: who.fullName,
      idType: 'cccd',
      idNumber: who.idNumber,
      birthYear: 1990,
      gender: 'female',
      nationality: 'VN',
      phone: who.phone,
      address: { provinceCode: '19', communeCode: who.communeCode ?? '01843', street: 'Tổ 5' },
    },
    visitedPlaces: 'Hà Nội',
    visitedUnits: [],
    visitedCountries: [],
    symptoms: [],
    contactWithCase: false,
    contactWithTraveller: false,
    contactWithSymptomatic: false,
    chronicConditions: [],
    ...over,
  };
}
