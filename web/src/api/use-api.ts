/** Loads one API resource for a screen, cancelling the request when the path changes. */
import { useCallback, useEffect, useState } from 'react';
import { ApiFailure, useApiClient } from './http.js';

/** What a screen renders from: loading, the data, or the failure. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly error: ApiFailure };

/** GETs `path` (null: nothing to load yet); `reload` fetches it again. */
export function useApi<T>(path: string | null): Loaded<T> & { reload: () => void } {
  const client = useApiClient();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: round is the reload trigger
  useEffect(() => {
    if (path === null) return undefined;
    const abort = new AbortController();
    setLoaded({ state: 'loading' });
    client.request<T>(path, { signal: abort.signal }).then(
      (data) => setLoaded({ state: 'ok', data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setLoaded({
          state: 'error',
          error: error instanceof ApiFailure ? error : new ApiFailure(0, 'NETWORK', String(error)),
        });
      },
    );
    return () => abort.abort();
  }, [client, path, round]);
  return { ...loaded, reload };
}
