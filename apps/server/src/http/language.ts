import type { FastifyInstance } from 'fastify';
import { pickLanguage, type Language } from '@phongdich/core';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
  }
}

/** Every answer is in the request's language: ?lang=, then the pd_lang cookie, then Accept-Language. */
export function registerLanguage(app: FastifyInstance): void {
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    const asked = typeof query?.lang === 'string' ? query.lang : request.cookies?.pd_lang;
    request.lang = asked === 'en' || asked === 'vi' ? asked : pickLanguage(request.headers['accept-language']);
  });
}
