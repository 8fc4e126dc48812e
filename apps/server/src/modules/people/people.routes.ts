import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personalQrSchema, phoneSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { findOrCreateCitizenByPhone } from '../accounts/index.js';
import { hasAnyPlaceMembership } from '../places/index.js';
import { recordAudit } from '../audit/index.js';
import { personalCard, personalQr, replacePersonalQr } from './people.service.js';

const pdf = { 200: z.any().describe('application/pdf') };

export function peopleRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/me/qr',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Your personal QR code (staff scan it at checkpoints)', response: { 200: personalQrSchema } } },
      async (request) => personalQr(ctx, actorOf(request).userId),
    );

    app.post(
      '/api/v1/me/qr/replace',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Replace your personal QR (older codes and cards stop working)', response: { 200: personalQrSchema } } },
      async (request) => replacePersonalQr(ctx, actorOf(request)),
    );

    app.get(
      '/api/v1/me/qr/card.pdf',
      { config: { access: 'signed_in' }, schema: { tags: ['people'], summary: 'Your personal QR as a printable card (PDF, QR 6 × 6 cm)', response: pdf } },
      async (request, reply) => reply.type('application/pdf').header('content-disposition', 'inline; filename="ma-qr-ca-nhan.pdf"').send(await personalCard(ctx, actorOf(request).userId)),
    );

    app.post(
      '/api/v1/people/cards',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['people'],
          summary: 'Print the personal QR card of someone without a smartphone (officials, and owners and staff of a place)',
          body: z.strictObject({ phone: phoneSchema, name: z.string().trim().min(1).max(120) }),
          response: pdf,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        // Cards identify people at checkpoints, so only those who record visitors may make them for others.
        if (!['official', 'health_official', 'admin'].includes(actor.role) && !(await hasAnyPlaceMembership(ctx, actor.userId))) throw new AppError('forbidden');
        const person = await findOrCreateCitizenByPhone(ctx, request.body.phone, ctx.db, request.body.name);
        await recordAudit(ctx, actor, { action: 'personal_qr.card_for_other', subjectType: 'user', subjectId: person.id });
        return reply.type('application/pdf').header('content-disposition', 'inline; filename="ma-qr-ca-nhan.pdf"').send(await personalCard(ctx, person.id));
      },
    );
  };
}
