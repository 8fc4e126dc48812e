// Daily counts per unit and their DHIS2 form. Pure: no I/O.

export const FIGURES = ['cases', 'contacts', 'tests', 'positive_tests', 'declarations', 'scans'] as const;
export type Figure = (typeof FIGURES)[number];

export interface DailyRow extends Record<Figure, number> {
  date: string;
  unitCode: string;
  unitName: string;
}

/** Adds one commune-day's figures into the row of its unit and date. */
export function addFigures(rows: Map<string, DailyRow>, date: string, unit: { code: string; name: string }, figures: Partial<Record<Figure, number>>): void {
  const key = `${date}|${unit.code}`;
  let row = rows.get(key);
  if (!row) {
    row = { date, unitCode: unit.code, unitName: unit.name, cases: 0, contacts: 0, tests: 0, positive_tests: 0, declarations: 0, scans: 0 };
    rows.set(key, row);
  }
  for (const figure of FIGURES) row[figure] += figures[figure] ?? 0;
}

export function sortedRows(rows: Map<string, DailyRow>): DailyRow[] {
  return [...rows.values()].sort((a, b) => a.date.localeCompare(b.date) || a.unitCode.localeCompare(b.unitCode));
}

export interface Dhis2Mapping {
  dataElements: Record<Figure, string>;
  orgUnits: Record<string, string>;
  dataSet: string | null;
}

export interface DataValueSet {
  dataSet?: string;
  dataValues: Array<{ dataElement: string; period: string; orgUnit: string; value: string }>;
}

/**
 * DHIS2's dataValueSets import format: one value per figure, daily period (yyyyMMdd), org unit by the
 * configured id or else the GSO code (import with orgUnitIdScheme=CODE then). Rows with nothing to
 * report are left out; a row with any figure sends all six, zeros included.
 */
export function toDataValueSet(rows: readonly DailyRow[], mapping: Dhis2Mapping): DataValueSet {
  const dataValues = rows
    .filter((row) => FIGURES.some((f) => row[f] > 0))
    .flatMap((row) =>
      FIGURES.map((figure) => ({
        dataElement: mapping.dataElements[figure],
        period: row.date.replaceAll('-', ''),
        orgUnit: mapping.orgUnits[row.unitCode] ?? row.unitCode,
        value: String(row[figure]),
      })),
    );
  return { ...(mapping.dataSet ? { dataSet: mapping.dataSet } : {}), dataValues };
}
