/**
 * The frame around every screen: skip link, the node and organisation name, global search,
 * navigation, theme toggle and the user's menu; the screen itself goes in <main>.
 */
import { type FormEvent, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../api/session.js';
import type { NodeInfo } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useTheme } from './theme.js';
import { UserMenu } from './user-menu.js';

const NAV = [
  ['/', 'Home'],
  ['/search', 'Search'],
  ['/attribution', 'Attribution'],
  ['/advisories', 'Advisories'],
  ['/peers', 'Peers'],
  ['/audit', 'Audit'],
] as const;

/** The console's layout route. */
export function Shell() {
  const { session } = useSession();
  const node = useApi<NodeInfo>('/node');
  const { theme, toggle } = useTheme();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const query = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  // A new screen moves focus to <main>, so screen readers announce the change (not on the
  // first render: the page has just loaded).
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [location.pathname]);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  const nodeName = node.state === 'ok' ? node.data.name : 'Accord';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="brand">
          <span className="node-name">{nodeName}</span>
          <span className="org-name">{session?.org.name ?? ''}</span>
        </div>
        <search className="global-search">
          <form onSubmit={search}>
            <label htmlFor="global-q" className="visually-hidden">
              Search objects
            </label>
            <input
              id="global-q"
              name="q"
              type="search"
              placeholder="Search names, aliases, values…"
              defaultValue={query}
              key={query}
            />
            <button type="submit">Search</button>
          </form>
        </search>
        <button type="button" className="theme-toggle" onClick={toggle} aria-pressed={theme === 'dark'}>
          Dark theme
        </button>
        <UserMenu />
      </header>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {NAV.filter(([to]) => to !== '/audit' || session?.role === 'admin').map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
