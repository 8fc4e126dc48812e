import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@phongdich/core';
import { api, ApiError, setCsrfToken } from './api.js';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/api/v1/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in account (null when signed out); the source of truth for navigation by role. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: 1 });
}

export function useSessionActions() {
  const client = useQueryClient();
  return {
    signedIn(me: Me) {
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
    },
    async signOut() {
      await api('POST', '/api/v1/auth/logout').catch(() => undefined);
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  };
}
