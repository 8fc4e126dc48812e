import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPermission, Role } from '@phongdich/core';
import type { Actor } from '../actor.js';
import { securityLog, type Context } from '../context.js';
import { mustEnrolSecondFactor, resolveSession, type ResolvedSession } from '../modules/accounts/index.js';
import { authenticateApiKey, type ApiKeyPrincipal } from '../modules/integration/index.js';
import { timingSafeEqualText } from '../crypto/tokens.js';
import { AppError } from './errors.js';

/**
 * Who may call a route: anyone, any signed-in account, or the listed roles. Every API route declares it.
 * `{ apiKey }` routes are for other systems (`Authorization: Bearer <key>` holding that permission, no
 * CSRF header: a browser never adds the header on its own); with `roles` too, those accounts may also
 * call them with their session cookie.
 */
export type Access = 'public' | 'signed_in' | readonly Role[] | { apiKey: ApiKeyPermission; roles?: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route is part of an account's own set-up, open to an account that must turn on two-step
     * verification first (TOTP_REQUIRED_ROLES): reading itself, signing out, its password, enrolment.
     */
    openBeforeEnrolment?: true;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
    apiKey: ApiKeyPrincipal | null;
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
  // A system sees its key's unit and everything below it, as a health official of that unit would.
  if (request.apiKey) return { userId: `apikey:${request.apiKey.id}`, role: 'health_official', unitCode: request.apiKey.unitCode, sector: null, requestId: request.id };
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
 * writes, the CSRF header. Routes under /api and /fhir without a declaration are refused at start-up (fail closed).
 * An account that must turn on two-step verification first (TOTP_REQUIRED_ROLES) reaches only the
 * routes marked `openBeforeEnrolment`; anything else answers totp_enrolment_required.
 */
export function registerAuth(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('session', null);
  app.decorateRequest('apiKey', null);

  app.addHook('onRoute', (route) => {
    // The FHIR API serves personal data to other systems: it fails closed like /api.
    if ((route.url.startsWith('/api/') || route.url.startsWith('/fhir/')) && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config.access;
    if (declared === undefined) return;
    if (typeof declared === 'object' && 'apiKey' in declared && (request.headers.authorization !== undefined || !declared.roles)) {
      request.apiKey = await authenticateApiKey(ctx, request.headers.authorization, declared.apiKey, request.id);
      return;
    }
    const access = typeof declared === 'object' && 'apiKey' in declared ? (declared.roles ?? []) : declared;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(ctx, token) : null;
    const mustEnrol = request.session !== null && !request.routeOptions.config.openBeforeEnrolment && mustEnrolSecondFactor(ctx, request.session.user);
    if (access === 'public') {
      // Public routes answer everyone, but some show officials more (zones not yet announced): an
      // account that must enrol first is answered as anyone without an account would be.
      if (mustEnrol) request.session = null;
      return;
    }
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
    // After the role check, so a route the role may never call still says so: enrolling would not help.
    if (mustEnrol) {
      securityLog(ctx).info({ reqId: request.id, route: request.routeOptions.url, reason: 'second_factor_not_enrolled' }, 'request refused');
      throw new AppError('totp_enrolment_required');
    }
  });
}
