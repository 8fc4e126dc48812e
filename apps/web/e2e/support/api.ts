import type { RunningServer } from './server.js';

export interface ApiSession {
  cookie: string;
  csrf: string;
}

/** Signs in over the API (for test set-up that is not what the test is about). */
export async function apiLogin(server: RunningServer, username: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

export async function apiCall<T>(server: RunningServer, session: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The sign-in code sent to a phone. With no SMS provider configured the server delivers messages
 * to its log (LOG_LEVEL=info), which is where an operator would read them too.
 */
export async function waitForSignInCode(server: RunningServer, phone: string, after = 0): Promise<string> {
  const tail = phone.slice(-3);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const lines = server.output().split('\n').slice(after);
    for (const line of lines.reverse()) {
      if (!line.includes('message delivered to log') || !line.includes('sign_in_code')) continue;
      const entry = JSON.parse(line) as { to: string; body: string };
      const code = /(\d{6})/.exec(entry.body)?.[1];
      if (entry.to.endsWith(tail) && code) return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no sign-in code for ${phone} in the server log`);
}

export function logLineCount(server: RunningServer): number {
  return server.output().split('\n').length;
}
