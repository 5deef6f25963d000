/** The user's menu: who is signed in, for which organisation, and Sign out (a disclosure button). */
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../api/session.js';

/** Opens with Enter/Space, closes with Escape or a click elsewhere, returning focus to the button. */
export function UserMenu() {
  const { session, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);
  if (!session) return null;
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {session.username}
      </button>
      {open ? (
        <div id="user-menu-panel" className="menu-panel">
          <p>
            Signed in as <strong>{session.username}</strong> ({session.role})
            <br />
            {session.org.name}
          </p>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
