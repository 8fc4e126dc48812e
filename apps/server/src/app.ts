import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Context } from './context.js';
import { newId } from './context.js';
import { pingDatabase } from './db/database.js';
import { registerAuth } from './http/auth.js';
import { refuseNulCharacters } from './http/text-input.js';
import { frameworkErrorHandler, registerErrorHandling, validatorCompiler } from './http/errors.js';
import { registerLanguage } from './http/language.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApp } from './http/web-app.js';
import { authRoutes, familyRoutes, usersRoutes } from './modules/accounts/index.js';
import { declarationsRoutes } from './modules/declarations/index.js';
import { casesRoutes } from './modules/cases/index.js';
import { mapRoutes } from './modules/map/index.js';
import { reportsRoutes } from './modules/reports/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { campaignsRoutes, messagingRoutes } from './modules/messaging/index.js';
import { placesRoutes, pointsRoutes, targetsRoutes } from './modules/places/index.js';
import { peopleRoutes } from './modules/people/index.js';
import { presenceRoutes } from './modules/presence/index.js';
import { unitsRoutes } from './modules/units/index.js';
import { exposureRoutes } from './modules/exposure/index.js';
import { fhirRoutes, integrationRoutes } from './modules/integration/index.js';
import { privacyRoutes } from './modules/privacy/index.js';

export interface AppOptions {
  /** Serve the built web app (off in API tests). */
  serveWebApp?: boolean;
}

/** Builds the HTTP application on a context; never listens (main.ts and tests do). */
export async function buildApp(ctx: Context, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => newId(ctx),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler(ctx),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const line = { reqId: request.id, method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (reply.statusCode >= 500) request.log.error(line, 'request failed');
    else request.log.debug(line, 'request completed');
  });

  await app.register(fastifyCookie);
  registerLanguage(app);
  registerSecurityHeaders(app, { https: ctx.config.secureCookies });
  await app.register(fastifyRateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Other systems call /fhir with keys as often as they like otherwise.
    allowList: (request) => !/^\/(api\/|fhir(\/|\?|$))/.test(request.url),
  });
  registerErrorHandling(app, ctx);
  refuseNulCharacters(app);
  registerAuth(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'PhongDich API', version: '1', description: 'Epidemic-response platform API. Errors are `{ error, message, field? }` with stable codes (docs/errors.md).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pd_session' }, apiKey: { type: 'http', scheme: 'bearer', description: 'A system API key (docs/integration.md)' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'not_ready' });
    }
  });

  await app.register(unitsRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(usersRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(messagingRoutes(ctx));
  await app.register(campaignsRoutes(ctx));
  await app.register(placesRoutes(ctx));
  await app.register(pointsRoutes(ctx));
  await app.register(targetsRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(presenceRoutes(ctx));
  await app.register(familyRoutes(ctx));
  await app.register(declarationsRoutes(ctx));
  await app.register(casesRoutes(ctx));
  await app.register(mapRoutes(ctx));
  await app.register(reportsRoutes(ctx));
  await app.register(exposureRoutes(ctx));
  await app.register(integrationRoutes(ctx));
  // FHIR answers OperationOutcome, not the API's error shape: its own error handler in its own prefix.
  await app.register(fhirRoutes(ctx), { prefix: '/fhir' });
  await app.register(privacyRoutes(ctx));

  if (options.serveWebApp !== false) await registerWebApp(app);
  return app;
}
