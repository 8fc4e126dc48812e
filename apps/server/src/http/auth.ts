import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@phongdich/core';
import type { Actor } from '../actor.js';
import { securityLog, type Context } from '../context.js';
import { resolveSession, type ResolvedSession } from '../modules/accounts/index.js';
import { timingSafeEqualText } from '../crypto/tokens.js';
import { AppError } from './errors.js';

/** Who may call a route: anyone, any signed-in account, or the listed roles. Every API route declares it. */
export type Access = 'public' | 'signed_in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'pd_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(reply: FastifyReply, ctx: Context, token: string, maxAgeMs: number): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: Context): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies });
}

/** The acting account of a request that passed the access check. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.session?.user;
  if (!user) throw new AppError('unauthenticated');
  return {
    userId: user.id,
    role: user.role as Role,
    unitCode: user.unit_code,
    sector: user.sector as Actor['sector'],
    requestId: request.id,
  };
}

/**
 * Resolves the session cookie, then enforces the route's declared access and, for cookie-authenticated
 * writes, the CSRF header. Routes under /api without a declaration are refused at start-up (fail closed).
 */
export function registerAuth(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(ctx, token) : null;
    if (access === 'public') return;
    if (!request.session) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !timingSafeEqualText(header, request.session.csrfToken)) {
        securityLog(ctx).info({ reqId: request.id, route: request.routeOptions.url, reason: 'csrf' }, 'request refused');
        throw new AppError('csrf_failed');
      }
    }
    if (access !== 'signed_in' && !access.includes(request.session.user.role as Role)) {
      securityLog(ctx).info({ reqId: request.id, route: request.routeOptions.url, reason: 'role' }, 'request refused');
      throw new AppError('forbidden');
    }
  });
}
