/** An unknown console URL. */
import { Link } from 'react-router';

/** Says so, with a way home. */
export function NotFoundPage() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no such page. <Link to="/">Go to the home page</Link>.
      </p>
    </>
  );
}
