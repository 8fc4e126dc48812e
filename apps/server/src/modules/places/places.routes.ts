import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PLACE_STATUSES,
  PLACE_TYPES,
  placeDetailSchema,
  placeListQuerySchema,
  placeListSchema,
  placeRegistrationSchema,
  placeSummarySchema,
  placeUpdateSchema,
  staffInputSchema,
  staffMemberSchema,
  statusChangeSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { addMember, listPlaceMembers, myPlaces, removeMember } from './members.service.js';
import { changePlaceStatus, editPlace, getPlaceDetail, listPlaces, placesMap, registerPlace } from './places.service.js';

const placeParams = z.strictObject({ id: z.string().min(1).max(64) });
const OFFICIALS = ['official', 'health_official', 'admin'] as const;
const REGISTRANTS = ['citizen', 'place_owner', 'official', 'health_official', 'admin'] as const;

export function placesRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/places',
      {
        config: { access: REGISTRANTS },
        schema: {
          tags: ['places'],
          summary: 'Register a place: owners for themselves (pending approval), officials on behalf of an owner (active)',
          body: placeRegistrationSchema,
          response: { 201: placeDetailSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const place = await registerPlace(ctx, actor, request.body);
        return reply.code(201).send(await getPlaceDetail(ctx, actor, place.id));
      },
    );

    app.get(
      '/api/v1/places',
      {
        config: { access: OFFICIALS },
        schema: { tags: ['places'], summary: 'Places in your area, filtered and paged', querystring: placeListQuerySchema, response: { 200: placeListSchema } },
      },
      async (request) => listPlaces(ctx, actorOf(request), request.query),
    );

    app.get(
      '/api/v1/places/map',
      {
        config: { access: OFFICIALS },
        schema: {
          tags: ['places'],
          summary: 'Every place of your area with a location, for the map',
          querystring: placeListQuerySchema.pick({ unit: true }),
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(PLACE_TYPES), status: z.enum(PLACE_STATUSES), lat: z.number(), lon: z.number() })),
              withoutLocation: z.number().int(),
            }),
          },
        },
      },
      async (request) => placesMap(ctx, actorOf(request), request.query),
    );

    app.get(
      '/api/v1/places/mine',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['places'], summary: 'Places you own or work at as scanner staff', response: { 200: z.object({ items: z.array(placeSummarySchema.extend({ myRole: z.enum(['owner', 'staff']) })) }) } },
      },
      async (request) => ({ items: await myPlaces(ctx, actorOf(request)) }),
    );

    app.get(
      '/api/v1/places/:id',
      { config: { access: 'signed_in' }, schema: { tags: ['places'], summary: 'One place with its contact and QR points', params: placeParams, response: { 200: placeDetailSchema } } },
      async (request) => getPlaceDetail(ctx, actorOf(request), request.params.id),
    );

    app.patch(
      '/api/v1/places/:id',
      { config: { access: 'signed_in' }, schema: { tags: ['places'], summary: 'Change a place (owner, or official of its area)', params: placeParams, body: placeUpdateSchema, response: { 200: placeDetailSchema } } },
      async (request) => editPlace(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/places/:id/status',
      {
        config: { access: OFFICIALS },
        schema: { tags: ['places'], summary: 'Approve, suspend or reopen a place', params: placeParams, body: statusChangeSchema, response: { 200: placeDetailSchema } },
      },
      async (request) => changePlaceStatus(ctx, actorOf(request), request.params.id, request.body.status, request.body.reason),
    );

    const membersResponse = { 200: z.object({ items: z.array(staffMemberSchema) }) };
    app.get(
      '/api/v1/places/:id/members',
      { config: { access: 'signed_in' }, schema: { tags: ['places'], summary: 'Owners and scanner staff of a place', params: placeParams, response: membersResponse } },
      async (request) => ({ items: await listPlaceMembers(ctx, actorOf(request), request.params.id) }),
    );

    app.post(
      '/api/v1/places/:id/members',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['places'],
          summary: 'Add scanner staff (or a co-owner) by phone number',
          params: placeParams,
          body: staffInputSchema.extend({ role: z.enum(['owner', 'staff']).optional() }),
          response: membersResponse,
        },
      },
      async (request) => ({ items: await addMember(ctx, actorOf(request), request.params.id, request.body) }),
    );

    app.delete(
      '/api/v1/places/:id/members/:userId',
      {
        config: { access: 'signed_in' },
        schema: { tags: ['places'], summary: 'Remove a member of a place', params: z.strictObject({ id: z.string().max(64), userId: z.string().max(64) }), response: membersResponse },
      },
      async (request) => ({ items: await removeMember(ctx, actorOf(request), request.params.id, request.params.userId) }),
    );
  };
}
