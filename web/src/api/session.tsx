/**
 * The signed-in session: asked of `GET /api/session` on load, set by signing in, cleared by
 * signing out or by any 401. The cookie itself is HttpOnly; only the CSRF token is kept, in the
 * API client's memory.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiClient, ApiClientContext, ApiFailure } from './http.js';
import type { SessionInfo } from './types.js';

interface SessionState {
  /** undefined while the first answer is awaited; null when signed out. */
  readonly session: SessionInfo | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Provides the session and the API client to the console. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [client] = useState(() => new ApiClient(() => setSession(null)));
  const accept = useCallback(
    (info: SessionInfo | null) => {
      client.setCsrfToken(info?.csrfToken ?? null);
      setSession(info);
    },
    [client],
  );
  useEffect(() => {
    client.request<SessionInfo>('/session').then(accept, () => accept(null));
  }, [client, accept]);
  const signIn = useCallback(
    async (username: string, password: string) => {
      accept(await client.request<SessionInfo>('/session', { method: 'POST', body: { username, password } }));
    },
    [client, accept],
  );
  const signOut = useCallback(async () => {
    try {
      await client.request<void>('/session', { method: 'DELETE' });
    } catch (error) {
      // Already signed out is what was asked for.
      if (!(error instanceof ApiFailure && error.status === 401)) throw error;
    }
    accept(null);
  }, [client, accept]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return (
    <ApiClientContext.Provider value={client}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </ApiClientContext.Provider>
  );
}

/** The session state; only inside SessionProvider. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
