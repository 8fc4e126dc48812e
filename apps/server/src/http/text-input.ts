import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * The NUL character is valid JSON and valid percent-encoding, but PostgreSQL cannot store it in text
 * and no form of ours has a use for it. Refused at the boundary, naming the field, before any handler
 * could pass it to the database (where it would be a 500 on one database and stored on the other).
 */
export function fieldWithNul(value: unknown, prefix = ''): string | undefined {
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (Buffer.isBuffer(current)) {
      // A file upload (XLSX is a zip, full of zero bytes): its own parser judges it.
      continue;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

function nulField(request: FastifyRequest): string | undefined {
  return fieldWithNul(request.params, 'params') ?? fieldWithNul(request.query, 'querystring') ?? fieldWithNul(request.body);
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = nulField(request);
    if (field !== undefined) throw new AppError('invalid_input', { field: field || 'body', detail: 'NUL character' });
  });
}
