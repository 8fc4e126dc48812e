import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unitCodeSchema, unitListQuerySchema, unitListSchema, unitWithAncestorsSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { getUnitWithAncestors, listUnits } from './units.service.js';

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
  };
}
