import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignDetailSchema,
  campaignInputSchema,
  campaignPreviewSchema,
  campaignSummarySchema,
  recipientListCheckSchema,
  recipientListInputSchema,
  testSendInputSchema,
  testSendResultSchema,
} from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { changeCampaign, checkRecipientList, createCampaign, getCampaign, listCampaigns, previewCampaign, sendTest } from './campaigns.service.js';

// Officials of a unit run campaigns to their own area; administrators (the IT department) to any.
const CAMPAIGNERS = ['official', 'health_official', 'admin'] as const;
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const tags = ['messaging'];

export function campaignsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/campaigns', { config: { access: CAMPAIGNERS }, schema: { tags, summary: "Campaigns of the official's area, newest first, with delivery figures", response: { 200: z.object({ items: z.array(campaignSummarySchema) }) } } }, async (request) => ({
      items: await listCampaigns(ctx, actorOf(request)),
    }));
    app.post('/api/v1/campaigns', { config: { access: CAMPAIGNERS }, schema: { tags, summary: 'Create and schedule a campaign', body: campaignInputSchema, response: { 201: campaignDetailSchema } } }, async (request, reply) =>
      reply.code(201).send(await createCampaign(ctx, actorOf(request), request.body)),
    );
    app.post('/api/v1/campaigns/preview', { config: { access: CAMPAIGNERS }, schema: { tags, summary: 'The message as it will read, how many people it reaches, and when it runs; sends nothing', body: campaignInputSchema, response: { 200: campaignPreviewSchema } } }, async (request) =>
      previewCampaign(ctx, actorOf(request), request.body),
    );
    app.post('/api/v1/campaigns/recipients/check', { config: { access: CAMPAIGNERS }, schema: { tags, summary: 'Check a custom recipient list row by row', body: recipientListInputSchema, response: { 200: recipientListCheckSchema } } }, async (request) =>
      checkRecipientList(request.body.channel, request.body.list),
    );
    app.post('/api/v1/campaigns/test', { config: { access: CAMPAIGNERS }, schema: { tags, summary: "Send the draft message to the official's own phone, e-mail or browser", body: testSendInputSchema, response: { 202: testSendResultSchema } } }, async (request, reply) =>
      reply.code(202).send(await sendTest(ctx, actorOf(request), request.body)),
    );
    app.get('/api/v1/campaigns/:id', { config: { access: CAMPAIGNERS }, schema: { tags, summary: 'A campaign with its runs and delivery figures', params: idParams, response: { 200: campaignDetailSchema } } }, async (request) =>
      getCampaign(ctx, actorOf(request), request.params.id),
    );
    for (const action of ['pause', 'resume', 'cancel'] as const) {
      app.post(`/api/v1/campaigns/:id/${action}`, { config: { access: CAMPAIGNERS }, schema: { tags, summary: `${action[0]?.toUpperCase()}${action.slice(1)} a campaign`, params: idParams, response: { 200: campaignDetailSchema } } }, async (request) =>
        changeCampaign(ctx, actorOf(request), request.params.id, action),
      );
    }
  };
}
