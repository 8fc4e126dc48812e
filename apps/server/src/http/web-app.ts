import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The built web app (apps/web/dist), found from this file upwards; null when not built. */
export function webDistDir(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'apps', 'web', 'dist');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>PhongDich</title>
<p>Ứng dụng web chưa được build. Chạy <code>npm run build</code>.</p>
<p>The web app is not built. Run <code>npm run build</code>.</p>`;

/** Paths the single-page app answers (everything that is not the API or a server document). */
export function isAppPath(url: string): boolean {
  return !/^\/(api|docs|openapi\.json|healthz|readyz)(\/|\?|$)/.test(url);
}

/**
 * Serves the web app: hashed assets cached for a year, index.html and the service worker never
 * cached (so a new release is picked up), and index.html for every client-side route.
 */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  const root = webDistDir();
  if (!root) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(NOT_BUILT));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'));
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml));
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const relative = decodeURIComponent(request.url.split('?')[0] ?? '/').replace(/^\/+/, '');
    const file = path.join(root, relative);
    if (relative && file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(relative);
    }
    if (!isAppPath(request.url) || path.extname(relative)) {
      return reply.callNotFound();
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
  });
}
