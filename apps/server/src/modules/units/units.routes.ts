import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unitCodeSchema, unitListQuerySchema, unitListSchema, unitWithAncestorsSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { getUnitBoundaries, getUnitWithAncestors, listUnits } from './units.service.js';

// Units are public reference data: citizens need them for addresses before signing in.
export function unitsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/units',
      {
        config: { access: 'public' },
        schema: {
          tags: ['units'],
          summary: 'Children of a unit (provinces when no parent), or search by name with or without diacritics',
          querystring: unitListQuerySchema,
          response: { 200: unitListSchema },
        },
      },
      async (request) => ({ items: listUnits(ctx, request.query) }),
    );

    app.get(
      '/api/v1/units/:code',
      {
        config: { access: 'public' },
        schema: {
          tags: ['units'],
          summary: 'One unit with its ancestors',
          params: z.strictObject({ code: unitCodeSchema }),
          response: { 200: unitWithAncestorsSchema },
        },
      },
      async (request) => getUnitWithAncestors(ctx, request.params.code),
    );

    app.get(
      '/api/v1/units/:code/boundaries',
      {
        config: { access: 'public' },
        schema: {
          tags: ['units'],
          summary: 'GeoJSON boundaries of the units below a unit (the unit itself where none exist): the offline base map',
          params: z.strictObject({ code: unitCodeSchema }),
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'public, max-age=86400');
        return getUnitBoundaries(ctx, request.params.code);
      },
    );
  };
}
