/**
 * What the rehearsal asks of the running node once it is healthy: the TAXII discovery document
 * (401 without credentials, the document with them) and the web console's page.
 */

const TAXII = 'application/taxii+json;version=2.1';

/** Throws with `what` and the answer when `ok` is false. */
function expectThat(ok, what, res, body) {
  if (!ok)
    throw new Error(`${what}: got ${res.status} ${res.headers.get('content-type')}\n${body.slice(0, 500)}`);
}

/** GET /taxii2/: refused without credentials, the discovery document for the administrator. */
export async function probeTaxii(base, admin) {
  const anonymous = await fetch(`${base}/taxii2/`, { headers: { accept: TAXII } });
  const anonymousBody = await anonymous.text();
  expectThat(
    anonymous.status === 401,
    'GET /taxii2/ without credentials should be 401',
    anonymous,
    anonymousBody,
  );
  const basic = Buffer.from(`${admin.username}:${admin.password}`).toString('base64');
  const res = await fetch(`${base}/taxii2/`, { headers: { accept: TAXII, authorization: `Basic ${basic}` } });
  const body = await res.text();
  const type = res.headers.get('content-type') ?? '';
  expectThat(
    res.status === 200 && type.startsWith('application/taxii+json'),
    'GET /taxii2/ as the administrator should be 200 application/taxii+json',
    res,
    body,
  );
  const doc = JSON.parse(body);
  expectThat(typeof doc.title === 'string', 'the discovery document should have a title', res, body);
  return `GET /taxii2/: 401 without credentials; 200 ${type} as the administrator ("${doc.title}")`;
}

/** GET /: the console's single page (its root element and a module script from /assets/). */
export async function probeConsole(base) {
  const res = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
  const body = await res.text();
  const type = res.headers.get('content-type') ?? '';
  expectThat(
    res.status === 200 &&
      type.startsWith('text/html') &&
      body.includes('<div id="root">') &&
      /<script type="module"[^>]* src="\/assets\/[^"]+\.js"/.test(body),
    'GET / should be the console (text/html with its root element and a built module script)',
    res,
    body,
  );
  return `GET /: 200 ${type}, the console's page (${body.length} bytes)`;
}
