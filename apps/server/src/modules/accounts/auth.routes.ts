import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, meSchema, otpRequestResultSchema, otpRequestSchema, otpVerifySchema, passwordChangeSchema, STAFF_ROLES, totpCodeSchema, totpDisableSchema, totpEnrolmentSchema } from '@phongdich/core';
import type { Context } from '../../context.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { changePassword, login, requestSignInCode, verifySignInCode } from './auth.service.js';
import { endSession } from './sessions.js';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './second-factor.js';
import { toMe } from './accounts.views.js';

export function authRoutes(ctx: Context): FastifyPluginAsyncZod {
  const strict = { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 };
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public', rateLimit: strict },
        schema: { tags: ['auth'], summary: 'Sign in with username and password (officials, owners, administrators)', body: loginRequestSchema, response: { 200: meSchema } },
      },
      async (request, reply) => {
        const result = await login(ctx, request.body.username, request.body.password, request.id, request.body.code);
        setSessionCookie(reply, ctx, result.token, result.maxAgeMs);
        return toMe(ctx, result.user, result.csrfToken);
      },
    );

    app.post(
      '/api/v1/auth/otp/request',
      {
        config: { access: 'public', rateLimit: strict },
        schema: { tags: ['auth'], summary: 'Send a sign-in code by SMS to a phone number', body: otpRequestSchema, response: { 200: otpRequestResultSchema } },
      },
      async (request) => requestSignInCode(ctx, request.body.phone, request.lang, request.id),
    );

    app.post(
      '/api/v1/auth/otp/verify',
      {
        config: { access: 'public', rateLimit: strict },
        schema: { tags: ['auth'], summary: 'Sign in with the code received by SMS (creates the citizen account on first use)', body: otpVerifySchema, response: { 200: meSchema } },
      },
      async (request, reply) => {
        const result = await verifySignInCode(ctx, request.body.phone, request.body.code, request.id);
        setSessionCookie(reply, ctx, result.token, result.maxAgeMs);
        return toMe(ctx, result.user, result.csrfToken);
      },
    );

    app.get(
      '/api/v1/auth/me',
      { config: { access: 'signed_in', openBeforeEnrolment: true }, schema: { tags: ['auth'], summary: 'The signed-in account, its scope and CSRF token', response: { 200: meSchema } } },
      async (request) => {
        const session = request.session;
        if (!session) throw new AppError('unauthenticated');
        return toMe(ctx, session.user, session.csrfToken);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { access: 'signed_in', openBeforeEnrolment: true }, schema: { tags: ['auth'], summary: 'Sign out of this device', response: { 204: z.null() } } },
      async (request, reply) => {
        if (request.session) await endSession(ctx, request.session.sessionId);
        clearSessionCookie(reply, ctx);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        config: { access: 'signed_in', rateLimit: strict, openBeforeEnrolment: true },
        schema: { tags: ['auth'], summary: 'Change your password (signs out your other devices)', body: passwordChangeSchema, response: { 204: z.null() } },
      },
      async (request, reply) => {
        const sessionId = request.session?.sessionId ?? '';
        await changePassword(ctx, actorOf(request), sessionId, request.body.currentPassword, request.body.newPassword);
        return reply.code(204).send(null);
      },
    );

    // Second factor for accounts that sign in with a password (citizens already prove their phone).
    // Enrolment stays open to an account that must enrol before anything else (TOTP_REQUIRED_ROLES);
    // turning it off does not: such an account has nothing to turn off.
    app.post(
      '/api/v1/auth/totp/enrol',
      {
        config: { access: STAFF_ROLES, openBeforeEnrolment: true },
        schema: { tags: ['auth'], summary: 'Start turning on two-step verification: a secret for an authenticator app, as a QR code', response: { 200: totpEnrolmentSchema } },
      },
      async (request, reply) => reply.header('cache-control', 'no-store').send(await startTotpEnrolment(ctx, actorOf(request))),
    );

    app.post(
      '/api/v1/auth/totp/confirm',
      {
        config: { access: STAFF_ROLES, rateLimit: strict, openBeforeEnrolment: true },
        schema: { tags: ['auth'], summary: 'Finish turning on two-step verification with a code from the app; answers ten single-use recovery codes', body: totpCodeSchema, response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
      },
      async (request, reply) => reply.header('cache-control', 'no-store').send(await confirmTotpEnrolment(ctx, actorOf(request), request.body.code)),
    );

    app.post(
      '/api/v1/auth/totp/disable',
      {
        config: { access: STAFF_ROLES, rateLimit: strict },
        schema: { tags: ['auth'], summary: 'Turn off two-step verification (password and a current or recovery code)', body: totpDisableSchema, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await disableTotp(ctx, actorOf(request), request.body.password, request.body.code, request.id);
        return reply.code(204).send(null);
      },
    );
  };
}
