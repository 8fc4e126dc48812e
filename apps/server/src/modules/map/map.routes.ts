import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentInputSchema,
  assessmentOverrideSchema,
  assessmentSchema,
  mapLayersQuerySchema,
  riskOverrideSchema,
  siteInputSchema,
  siteSchema,
  unitCodeSchema,
  unitRiskSchema,
  unitStatisticsSchema,
  zoneInputSchema,
  zoneSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { requireUnit } from '../units/index.js';
import { assessmentOf, overrideAssessment, submitAssessment } from './assessments.service.js';
import { guideInputSchema, listGuides, readGuide, writeGuide } from './guides.js';
import { forgetLayers, mapLayersJson, searchMap, setCheckpointLevel } from './layers.service.js';
import { computeRiskLevels, overrideLevel, putStatistics, riskHistory, riskWithin, statisticsWithin, withdrawOverride } from './risk.service.js';
import { activeSites, createSite, removeSite, updateSite } from './sites.service.js';
import { unitShape } from './unit-shapes.js';
import { activeZones, createZone, endZone, updateZone } from './zones.service.js';

const OFFICIALS = ['official', 'health_official', 'admin'] as const;
const HEALTH = ['health_official', 'admin'] as const;
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const codeParams = z.strictObject({ code: unitCodeSchema });
const slugParams = z.strictObject({ slug: z.string().min(1).max(40) });
// Public map data is the same for everyone for a minute; browsers and proxies may keep it.
const PUBLIC_CACHE = 'public, max-age=60';

export function mapRoutes(ctx: Context): FastifyPluginAsyncZod {
  // A zone or site changed: the public map's cached answers go, so visitors see it at once.
  const changed = <T>(value: T): T => {
    forgetLayers(ctx);
    return value;
  };
  return async (app) => {
    app.get('/api/v1/map/config', { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Where the map opens and which base map it uses' } }, async () => {
      const home = requireUnit(ctx, ctx.config.homeUnit);
      return { homeUnit: { code: home.code, name: home.name }, bbox: unitShape(ctx, home.code)?.bbox ?? [102, 8, 117.9, 23.5], styleUrl: ctx.config.mapStyleUrl };
    });
    app.get(
      '/api/v1/map/risk',
      { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Risk level of each commune within a unit, and of the unit itself', querystring: z.strictObject({ within: unitCodeSchema.optional() }), response: { 200: z.object({ date: z.string().nullable(), items: z.array(unitRiskSchema), rollup: unitRiskSchema }) } } },
      async (request, reply) => {
        void reply.header('cache-control', PUBLIC_CACHE);
        return riskWithin(ctx, request.query.within ?? ctx.config.homeUnit);
      },
    );
    app.get(
      '/api/v1/map/layers',
      { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Checkpoints (clustered when zoomed out), places visited by cases, zones and sites within a box, as GeoJSON', querystring: mapLayersQuerySchema } },
      async (request, reply) => {
        void reply.header('cache-control', PUBLIC_CACHE).type('application/json; charset=utf-8');
        return reply.send(await mapLayersJson(ctx, request.query));
      },
    );
    app.get(
      '/api/v1/map/search',
      { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Units, places and sites by name', querystring: z.strictObject({ q: z.string().trim().min(2).max(100) }) } },
      async (request) => searchMap(ctx, request.query.q),
    );
    app.get('/api/v1/map/zones', { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Zones in force', response: { 200: z.object({ items: z.array(zoneSchema) }) } } }, async (request) => {
      const signedIn = request.session?.user;
      return { items: await activeZones(ctx, signedIn !== undefined && OFFICIALS.includes(signedIn.role as (typeof OFFICIALS)[number])) };
    });
    app.get('/api/v1/map/sites', { config: { access: 'public' }, schema: { tags: ['map'], summary: 'Testing, vaccination and treatment sites', response: { 200: z.object({ items: z.array(siteSchema) }) } } }, async () => ({ items: await activeSites(ctx) }));
    app.get('/api/v1/guides', { config: { access: 'public' }, schema: { tags: ['map'], summary: 'The public guides' } }, async () => listGuides(ctx));
    app.get('/api/v1/guides/:slug', { config: { access: 'public' }, schema: { tags: ['map'], summary: 'One guide in Vietnamese and English', params: slugParams } }, async (request) => readGuide(ctx, request.params.slug));

    app.put('/api/v1/guides/:slug', { config: { access: ['admin'] }, schema: { tags: ['map'], summary: "Rewrite a guide's text", params: slugParams, body: guideInputSchema } }, async (request) =>
      writeGuide(ctx, actorOf(request), request.params.slug, request.body),
    );
    app.get('/api/v1/map/risk/:code/history', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: "A unit's levels day by day and its overrides", params: codeParams } }, async (request) =>
      riskHistory(ctx, actorOf(request), request.params.code),
    );
    app.post(
      '/api/v1/map/risk/:code/override',
      { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: "Set a unit's level by hand, with a reason", params: codeParams, body: riskOverrideSchema, response: { 200: unitRiskSchema } } },
      async (request) => overrideLevel(ctx, actorOf(request), request.params.code, request.body),
    );
    app.delete(
      '/api/v1/map/risk/:code/override',
      { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Withdraw the override; the computed level applies again', params: codeParams, response: { 200: unitRiskSchema } } },
      async (request) => withdrawOverride(ctx, actorOf(request), request.params.code, 'withdrawn'),
    );
    app.post('/api/v1/map/risk/recompute', { config: { access: HEALTH }, schema: { tags: ['map'], summary: "Run today's risk-level computation now" } }, async () => computeRiskLevels(ctx));
    app.get('/api/v1/map/statistics', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Population, vaccination coverage and treatment capacity per commune', querystring: z.strictObject({ within: unitCodeSchema.optional() }) } }, async (request) =>
      statisticsWithin(ctx, request.query.within ?? actorOf(request).unitCode ?? ctx.config.homeUnit),
    );
    app.put('/api/v1/map/statistics', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: "Set a commune's figures", body: unitStatisticsSchema } }, async (request) => putStatistics(ctx, actorOf(request), request.body));
    app.post('/api/v1/map/zones', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Draw a lockdown or isolation zone', body: zoneInputSchema, response: { 201: zoneSchema } } }, async (request, reply) =>
      reply.code(201).send(changed(await createZone(ctx, actorOf(request), request.body))),
    );
    app.patch('/api/v1/map/zones/:id', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Change a zone', params: idParams, body: zoneInputSchema.partial(), response: { 200: zoneSchema } } }, async (request) =>
      changed(await updateZone(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.delete('/api/v1/map/zones/:id', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'End a zone today', params: idParams } }, async (request, reply) => {
      changed(await endZone(ctx, actorOf(request), request.params.id));
      return reply.code(204).send();
    });
    app.post('/api/v1/map/sites', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Add a testing, vaccination or treatment site', body: siteInputSchema, response: { 201: siteSchema } } }, async (request, reply) =>
      reply.code(201).send(changed(await createSite(ctx, actorOf(request), request.body))),
    );
    app.patch('/api/v1/map/sites/:id', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Change a site', params: idParams, body: siteInputSchema.partial(), response: { 200: siteSchema } } }, async (request) =>
      changed(await updateSite(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.delete('/api/v1/map/sites/:id', { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: 'Remove a site from the map', params: idParams } }, async (request, reply) => {
      changed(await removeSite(ctx, actorOf(request), request.params.id));
      return reply.code(204).send();
    });

    app.get('/api/v1/places/:id/assessment', { config: { access: 'signed_in' }, schema: { tags: ['map'], summary: "The place's safety checklist, latest assessment and history", params: idParams } }, async (request) =>
      assessmentOf(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/places/:id/assessments',
      { config: { access: 'signed_in' }, schema: { tags: ['map'], summary: 'Answer the safety checklist (owners and staff); repeatable', params: idParams, body: assessmentInputSchema, response: { 201: assessmentSchema } } },
      async (request, reply) => {
        const assessment = await submitAssessment(ctx, actorOf(request), request.params.id, request.body);
        await setCheckpointLevel(ctx, request.params.id, assessment.level);
        return reply.code(201).send(assessment);
      },
    );
    app.post(
      '/api/v1/places/:id/assessments/override',
      { config: { access: OFFICIALS }, schema: { tags: ['map'], summary: "An official's level after inspection, with the reason", params: idParams, body: assessmentOverrideSchema, response: { 200: assessmentSchema } } },
      async (request) => {
        const assessment = await overrideAssessment(ctx, actorOf(request), request.params.id, request.body);
        await setCheckpointLevel(ctx, request.params.id, assessment.overriddenLevel ?? assessment.level);
        return assessment;
      },
    );
  };
}
