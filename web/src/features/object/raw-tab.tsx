/** Raw: the validator's verdict beside the object's JSON (as text: React escapes it). */
import type { ObjectView } from '../../api/types.js';

/** The tab's panel. */
export function RawTab({ view }: { view: ObjectView }) {
  const { ok, issues } = view.validation;
  return (
    <div className="raw">
      <section aria-labelledby="validation-h" className="raw-verdict">
        <h2 id="validation-h">Validation</h2>
        <p className={ok ? 'good' : 'bad'}>{ok ? '✓ Valid STIX 2.1' : '✗ Not valid STIX 2.1'}</p>
        {issues.length > 0 ? (
          <ul className="plain">
            {issues.map((i) => (
              <li key={`${i.code}${i.path}`}>
                <strong>{i.severity}</strong> <code>{i.code}</code> at <code>{i.path || '(object)'}</code>:{' '}
                {i.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No issues.</p>
        )}
      </section>
      <section aria-labelledby="json-h" className="raw-json">
        <h2 id="json-h">JSON</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box needs focus to scroll by keyboard */}
        <div className="json-scroll" tabIndex={0}>
          <pre>{JSON.stringify(view.object, null, 2)}</pre>
        </div>
      </section>
    </div>
  );
}
