/** Renders a Loaded value: a polite "Loading…", an alert for failures, else the children. */
import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-api.js';

/** Shows what went wrong in words; 404 reads the same whether absent or hidden. */
export function LoadState<T>(props: {
  loaded: Loaded<T>;
  children: (data: T) => ReactNode;
  notFound?: ReactNode;
}) {
  const { loaded } = props;
  if (loaded.state === 'loading')
    return (
      <p className="muted" aria-live="polite">
        Loading…
      </p>
    );
  if (loaded.state === 'error') {
    if (loaded.error.status === 404 && props.notFound) return <>{props.notFound}</>;
    return (
      <p role="alert" className="error">
        {loaded.error.status === 403
          ? 'You may not see this page.'
          : `Could not load: ${loaded.error.message}`}
      </p>
    );
  }
  return <>{props.children(loaded.data)}</>;
}
