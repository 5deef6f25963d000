/** The sign-in form (CONTRACT.md "Web console": fields Username and Password, button Sign in). */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../../api/http.js';
import { useSession } from '../../api/session.js';

function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return 'Wrong username or password.';
    if (error.status === 429) return 'Too many attempts: wait a moment and try again.';
    return error.message;
  }
  return 'The node could not be reached.';
}

/** Shown instead of any screen while nobody is signed in; the URL stays, so a shared link opens after. */
export function SignInPage() {
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const username = useRef<HTMLInputElement>(null);
  useEffect(() => username.current?.focus(), []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>Accord</h1>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <h2>Sign in to this node</h2>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required ref={username} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
