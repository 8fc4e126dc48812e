import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userCreateSchema, userListQuerySchema, userListSchema, userSchema, userUpdateSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { findUserById } from './accounts.repository.js';
import { createUser, listUsers, toUser, updateUser } from './users.service.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });

// Accounts of officials, owners and administrators; only administrators manage them.
export function usersRoutes(ctx: Context): FastifyPluginAsyncZod {
  const admin = { access: ['admin'] as const };
  return async (app) => {
    app.get(
      '/api/v1/users',
      { config: admin, schema: { tags: ['users'], summary: 'List accounts with a username', querystring: userListQuerySchema, response: { 200: userListSchema } } },
      async (request) => listUsers(ctx, request.query),
    );

    app.post(
      '/api/v1/users',
      { config: admin, schema: { tags: ['users'], summary: 'Create an account', body: userCreateSchema, response: { 201: userSchema } } },
      async (request, reply) => reply.code(201).send(await createUser(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/v1/users/:id',
      { config: admin, schema: { tags: ['users'], summary: 'One account', params: idParams, response: { 200: userSchema } } },
      async (request) => {
        const row = await findUserById(ctx.db, request.params.id);
        if (!row?.username) throw new AppError('user_not_found');
        return toUser(row);
      },
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: admin,
        schema: { tags: ['users'], summary: 'Change role, unit, sector, status or password of an account', params: idParams, body: userUpdateSchema, response: { 200: userSchema } },
      },
      async (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
    );
  };
}
