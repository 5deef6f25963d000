/**
 * The signed-in session: asked of `GET /api/session` on load, set by signing in, cleared by
 * signing out or by any 401. The cookie itself is HttpOnly; only the CSRF token is kept here,
 * in memory (never web storage).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiFailure, api, onSignedOut, setCsrfToken } from './http.js';
import type { SessionInfo } from './types.js';

interface SessionState {
  /** undefined while the first answer is awaited; null when signed out. */
  readonly session: SessionInfo | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Provides the session to the console. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const accept = useCallback((info: SessionInfo | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    setSession(info);
  }, []);
  useEffect(() => {
    api<SessionInfo>('/session').then(accept, () => accept(null));
    return onSignedOut(() => accept(null));
  }, [accept]);
  const signIn = useCallback(
    async (username: string, password: string) => {
      accept(await api<SessionInfo>('/session', { method: 'POST', body: { username, password } }));
    },
    [accept],
  );
  const signOut = useCallback(async () => {
    try {
      await api<void>('/session', { method: 'DELETE' });
    } catch (error) {
      // Already signed out is what was asked for.
      if (!(error instanceof ApiFailure && error.status === 401)) throw error;
    }
    accept(null);
  }, [accept]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session state; only inside SessionProvider. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
