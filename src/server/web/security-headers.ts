/**
 * The console's response headers (docs/guides/web-console.md, "Security"). The CSP allows only
 * the node's own scripts, styles, images and API: no inline script, no eval, no inline <style>
 * (React and cytoscape set styles through the CSSOM, which CSP does not govern), no framing.
 * The one inline stylesheet allowed, by its hash, is the rule cytoscape inserts into <head>
 * (`.__________cytoscape_container { position: relative; }`); a test recomputes the hash.
 */

/** The exact text of the <style> element cytoscape adds, allowed by its SHA-256. */
export const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';

/** Content-Security-Policy of every console page and asset. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The headers set on each console answer. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it a browser sends `Origin: null` on same-origin POSTs (Fetch,
  // "append a request Origin header"), and the API refuses writes whose origin is not its own.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
