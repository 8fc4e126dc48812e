import { describe, expect, it } from 'vitest';
import { toDataValueSet, type DailyRow } from './aggregates.rules.js';
import { labInputFromRow, parseLabBundle, resultFromText, type LabInputError } from './lab-results.parse.js';
import { retryDelaySeconds, signWebhook, verifyWebhook, WEBHOOK_HEADERS } from './webhooks.signature.js';

const TODAY = '2026-11-02';

describe('lab results: reading what laboratories send', () => {
  it.each([
    ['Dương tính', 'positive'],
    ['duong tinh', 'positive'],
    ['DETECTED', 'positive'],
    ['âm tính', 'negative'],
    ['Not detected', 'negative'],
    ['không xác định', 'inconclusive'],
    ['maybe', null],
    ['', null],
  ])('reads the result word %j as %s', (word, expected) => {
    expect(resultFromText(word)).toBe(expected);
  });

  const row = { lab_code: 'BV-BK', result_id: 'R1', full_name: 'Lê Văn A', phone: '0912 345 678', test_name: 'RT-PCR', result: 'dương tính', specimen_date: TODAY };
  it('turns a CSV row into a result with a normalised phone', () => {
    expect(labInputFromRow(2, row, TODAY)).toMatchObject({ location: 'row 2', issuer: 'BV-BK', resultId: 'R1', result: 'positive', patient: { phone: '+84912345678', idNumber: null } });
  });
  it.each([
    ['a missing required cell', { result_id: '' }, 'row 5: result_id'],
    ['an unknown result', { result: 'có lẽ' }, 'row 5: result'],
    ['a date that is not YYYY-MM-DD', { specimen_date: '02/11/2026' }, 'row 5: specimen_date'],
    ['a date in the future', { specimen_date: '2026-11-03' }, 'row 5: specimen_date'],
    ['a bad phone', { phone: '12345' }, 'row 5: phone'],
    ['neither ID number nor phone', { phone: '' }, 'row 5: id_number'],
  ])('refuses %s, naming the row and column', (_name, change, path) => {
    expect(() => labInputFromRow(5, { ...row, ...change }, TODAY)).toThrow(expect.objectContaining({ path }) as LabInputError);
  });

  const observation = (extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    identifier: [{ system: 'urn:lab', value: 'X1' }],
    code: { text: 'PCR' },
    subject: { identifier: { system: 'urn:phongdich:id-number', value: '001090000001' }, display: 'Trần B' },
    effectiveDateTime: '2026-11-01T09:00:00+07:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
    ...extra,
  });
  const bundle = (...resources: unknown[]) => ({ resourceType: 'Bundle', type: 'batch', entry: resources.map((resource) => ({ resource })) });

  it('reads an Observation whose subject carries the ID number', () => {
    expect(parseLabBundle(bundle(observation()), TODAY, 100)).toEqual([
      expect.objectContaining({ issuer: 'urn:lab', resultId: 'X1', result: 'negative', specimenDate: '2026-11-01', patient: { name: 'Trần B', idNumber: '001090000001', phone: null } }),
    ]);
  });
  it.each([
    ['a body that is not a Bundle', observation(), 'Bundle'],
    ['a searchset Bundle', { ...bundle(observation()), type: 'searchset' }, 'Bundle.type'],
    ['an empty Bundle', bundle(), 'Bundle.entry'],
    ['another resource type', bundle(observation(), { resourceType: 'Condition' }), 'Bundle.entry[1].resource.resourceType'],
    ['a preliminary result', bundle(observation({ status: 'preliminary' })), 'Bundle.entry[0].resource.status'],
    ['no result identifier', bundle(observation({ identifier: [] })), 'Bundle.entry[0].resource.identifier'],
    ['a subject that references nothing in the Bundle', bundle(observation({ subject: { reference: 'Patient/zzz' } })), 'Bundle.entry[0].resource.subject'],
    ['a quantitative value', bundle(observation({ valueCodeableConcept: undefined, valueQuantity: { value: 31 } })), 'Bundle.entry[0].resource.value[x]'],
    ['no specimen date', bundle(observation({ effectiveDateTime: undefined })), 'Bundle.entry[0].resource.effective[x]'],
  ])('refuses %s, naming the element', (_name, body, path) => {
    expect(() => parseLabBundle(body, TODAY, 100)).toThrow(expect.objectContaining({ path }) as LabInputError);
  });
  it('refuses a Bundle over the size limit before reading it', () => {
    expect(() => parseLabBundle(bundle(observation(), observation(), observation()), TODAY, 2)).toThrow(expect.objectContaining({ path: 'Bundle.entry' }) as LabInputError);
  });
});

describe('DHIS2 dataValueSets', () => {
  const day = (date: string, unitCode: string, figures: Partial<DailyRow>): DailyRow => ({ date, unitCode, unitName: unitCode, cases: 0, contacts: 0, tests: 0, positive_tests: 0, declarations: 0, scans: 0, ...figures });
  const mapping = { dataElements: { cases: 'deCases', contacts: 'deContacts', tests: 'deTests', positive_tests: 'dePos', declarations: 'deDecl', scans: 'deScans' }, orgUnits: { '01843': 'OU_BK' }, dataSet: 'dsDaily' };

  it('sends every figure of a unit-day with anything to report, daily periods, mapped org units or else codes', () => {
    const set = toDataValueSet([day('2026-11-01', '01843', { cases: 2 }), day('2026-11-01', '01849', {}), day('2026-11-02', '01849', { scans: 7 })], mapping);
    expect(set.dataSet).toBe('dsDaily');
    expect(set.dataValues).toHaveLength(12);
    expect(set.dataValues).toContainEqual({ dataElement: 'deCases', period: '20261101', orgUnit: 'OU_BK', value: '2' });
    expect(set.dataValues).toContainEqual({ dataElement: 'dePos', period: '20261101', orgUnit: 'OU_BK', value: '0' });
    expect(set.dataValues).toContainEqual({ dataElement: 'deScans', period: '20261102', orgUnit: '01849', value: '7' });
    expect(set.dataValues.some((v) => v.period === '20261101' && v.orgUnit === '01849')).toBe(false);
  });
  it('leaves dataSet out when none is configured', () => {
    expect(toDataValueSet([], { ...mapping, dataSet: null })).toEqual({ dataValues: [] });
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ id: 'evt-1', type: 'case.created' });
  const headersAt = (timestamp: number, overrides: Record<string, string> = {}) => ({
    [WEBHOOK_HEADERS.eventId]: 'evt-1',
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
    ...overrides,
  });

  it.each([
    ['a good delivery', headersAt(1000), body, 1000, { ok: true, eventId: 'evt-1' }],
    ['another secret', { ...headersAt(1000), [WEBHOOK_HEADERS.signature]: signWebhook('other', 1000, body) }, body, 1000, { ok: false, reason: 'bad_signature' }],
    ['a changed body', headersAt(1000), body.replace('created', 'updated'), 1000, { ok: false, reason: 'bad_signature' }],
    ['a timestamp moved forward without re-signing', { ...headersAt(1000), [WEBHOOK_HEADERS.timestamp]: '1900' }, body, 1900, { ok: false, reason: 'bad_signature' }],
    ['an old delivery', headersAt(1000), body, 1301, { ok: false, reason: 'stale_timestamp' }],
    ['an event id header that is not the signed one', headersAt(1000, { [WEBHOOK_HEADERS.eventId]: 'evt-2' }), body, 1000, { ok: false, reason: 'bad_signature' }],
    ['missing headers', {}, body, 1000, { ok: false, reason: 'missing_headers' }],
  ])('%s', (_name, headers, sent, now, expected) => {
    expect(verifyWebhook({ secret, headers, body: sent, nowSeconds: now })).toEqual(expected);
  });
  it('refuses an event id already processed (a replay inside the tolerance)', () => {
    expect(verifyWebhook({ secret, headers: headersAt(1000), body, nowSeconds: 1010, seen: (id) => id === 'evt-1' })).toEqual({ ok: false, reason: 'replayed' });
  });
  it.each([
    [1, 30],
    [2, 60],
    [5, 480],
    [12, 6 * 3600],
  ])('waits after %i failed attempts %i seconds', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds);
  });
});
