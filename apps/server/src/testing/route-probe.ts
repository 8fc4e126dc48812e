import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Pair } from './security-world.js';

/** A route as the served OpenAPI document lists it: `GET /api/v1/places/{id}`. */
export interface DocumentedRoute {
  key: string;
  method: string;
  path: string;
  operation: OpenApiOperation;
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
};

/** Every API route of the served document (what a client, or an attacker, can see). */
export async function documentedRoutes(app: FastifyInstance): Promise<DocumentedRoute[]> {
  const doc = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation })),
  );
}

/**
 * Which record a path parameter names, from the two segments before it or else the one before it
 * (`/visits/mine/{id}` → visit, `/cases/{id}` → case, `/places/{id}/members/{userId}` → member).
 * Parameters without a record get a random id (404).
 */
const RECORD_OF_SEGMENT: Record<string, string> = {
  places: 'place',
  members: 'member',
  points: 'point',
  visits: 'visit',
  'visits/mine': 'visit',
  declarations: 'declaration',
  'declarations/mine': 'declaration',
  'declaration-flags': 'flag',
  cases: 'case',
  contacts: 'contact',
  reports: 'report',
  monitoring: 'monitoring',
  family: 'family',
  targets: 'target',
  sites: 'site',
  users: 'user',
  units: 'unit',
  risk: 'unit',
  arrivals: 'arrival',
  zones: 'zone',
  submissions: 'submission',
  campaigns: 'campaign',
  'api-keys': 'apiKey',
  webhooks: 'webhook',
  'lab-results': 'labResult',
};

function recordOf(segments: readonly string[], i: number): string | undefined {
  return RECORD_OF_SEGMENT[segments.slice(Math.max(0, i - 2), i).join('/')] ?? RECORD_OF_SEGMENT[segments[i - 1] ?? ''];
}

/** A value that passes a query parameter's schema (the probes test access, not validation). */
function sampleQueryValue(name: string, schema: JsonSchema | undefined, today: string): string {
  if (name === 'bbox') return '105.8,22.1,105.9,22.2';
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.pattern?.includes('\\d{4}-')) return today;
  if (schema?.type === 'number' || schema?.type === 'integer') return String(schema.minimum ?? 1);
  return 'xy';
}

/**
 * The URL of a route with its path parameters, its `unit` filter and its required query parameters
 * filled from the inside or outside records; `scoped` when one of them names a record.
 */
export function fillPath(route: DocumentedRoute, records: Record<string, Pair>, side: keyof Pair, today = '2026-11-01'): { url: string; scoped: boolean } {
  let scoped = false;
  const segments = route.path.split('/');
  const filled = segments.map((segment, i) => {
    const param = /^(.*)\{(\w+)\}(.*)$/.exec(segment);
    if (!param) return segment;
    const [, before, name, after] = param as unknown as [string, string, string, string];
    if (name === 'format') return `${before}csv${after}`;
    if (name === 'slug') return `${before}khong-co${after}`;
    const record = records[recordOf(segments, i) ?? ''];
    if (record) scoped = true;
    return `${before}${record ? record[side] : crypto.randomUUID()}${after}`;
  });
  const query = new URLSearchParams();
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    if (parameter.name === 'unit' && records.unit) {
      query.set('unit', records.unit[side]);
      scoped = true;
    } else if (parameter.required) query.set(parameter.name, sampleQueryValue(parameter.name, parameter.schema, today));
  }
  const search = query.toString();
  return { url: filled.join('/') + (search ? `?${search}` : ''), scoped };
}

/** Whether a route takes a JSON body (writes), so a probe sends one. */
export function takesJson(route: DocumentedRoute): boolean {
  return ['POST', 'PUT', 'PATCH'].includes(route.method) && (!route.operation.requestBody || Boolean(route.operation.requestBody.content?.['application/json']));
}

/** A route's JSON body schema, if it has one. */
export function bodySchema(route: DocumentedRoute): JsonSchema | undefined {
  return route.operation.requestBody?.content?.['application/json']?.schema;
}
