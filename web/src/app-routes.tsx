/** The console's URLs (CONTRACT.md "Web console"); each opens directly, the server falls back to index.html. */
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useSession } from './api/session.js';
import { AdvisoriesPage } from './features/advisories/advisories-page.js';
import { AdvisoryPage } from './features/advisories/advisory-page.js';
import { AttributionPage } from './features/attribution/attribution-page.js';
import { AuditPage } from './features/audit/audit-page.js';
import { HomePage } from './features/home/home-page.js';
import { ObjectPage } from './features/object/object-page.js';
import { PeersPage } from './features/peers/peers-page.js';
import { SearchPage } from './features/search/search-page.js';
import { SignInPage } from './features/sign-in/sign-in-page.js';
import { NotFoundPage } from './shell/not-found-page.js';
import { Shell } from './shell/shell.js';

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/search', element: <SearchPage /> },
      { path: '/objects/:id', element: <ObjectPage /> },
      { path: '/attribution', element: <AttributionPage /> },
      { path: '/advisories', element: <AdvisoriesPage /> },
      { path: '/advisories/:id', element: <AdvisoryPage /> },
      { path: '/peers', element: <PeersPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** Sign-in until a session exists, then the router (the URL asked for is kept meanwhile). */
export function App() {
  const { session } = useSession();
  if (session === undefined)
    return (
      <p className="muted boot" aria-live="polite">
        Loading…
      </p>
    );
  if (session === null) return <SignInPage />;
  return <RouterProvider router={router} />;
}
