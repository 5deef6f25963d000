/**
 * The common currency of both directions: a Comparison is one `object-path = constant` of a STIX
 * pattern (9.6) and, equally, one property of an observation. A MISP attribute maps to a few
 * comparisons; rendered with AND they are its indicator's pattern, built into SCOs its
 * observation. Read back from a pattern or an observation, they give the attribute again.
 */

/** One step of an object path (9.7): a property name, a list index, or any index `*`. */
export type Step = string | number | '*';

/** `<object-type>:<steps>`. */
export interface ObjectPath {
  readonly type: string;
  readonly steps: readonly Step[];
}

/**
 * One comparison `path = value`. `timestamp` marks a value written as a t'…' constant;
 * `refType` names the type of object the path's innermost reference points to (an address,
 * a domain name), which patterns state with a `…_ref.type` comparison (misp-stix does).
 */
export interface Comparison {
  readonly path: ObjectPath;
  readonly value: string | number | boolean;
  readonly timestamp?: boolean;
  readonly refType?: string;
}

/** References whose target type depends on the value (an address or a name): patterns state it. */
export const TYPED_REFS: ReadonlySet<string> = new Set(['src_ref', 'dst_ref']);

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses the table notation `file:hashes.SHA-256`, `email-message:to_refs[*].value` (keys are
 * written bare; `[n]`/`[*]` index lists).
 */
export function parsePath(text: string): ObjectPath {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  const steps: Step[] = [];
  for (const part of text.slice(colon + 1).split('.')) {
    const m = /^([^[]+)((?:\[(?:\*|\d+)\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${text}`);
    steps.push(m[1]!);
    for (const [, index] of m[2]!.matchAll(/\[(\*|\d+)\]/g)) steps.push(index === '*' ? '*' : Number(index));
  }
  return { type, steps };
}

/** The path in pattern syntax (9.7): keys with - or other characters quoted, lists indexed. */
export function renderPath(path: ObjectPath): string {
  let out = `${path.type}:`;
  path.steps.forEach((step, i) => {
    if (typeof step === 'number' || step === '*') out += `[${step}]`;
    else out += `${i === 0 ? '' : '.'}${SIMPLE_KEY.test(step) ? step : `'${quote(step)}'`}`;
  });
  return out;
}

/** A string constant's body (9.2: \ and ' escaped). */
function quote(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** One comparison in pattern syntax. */
export function renderComparison(c: Comparison): string {
  const v = c.value;
  const constant =
    typeof v === 'number' || typeof v === 'boolean' ? String(v) : c.timestamp ? `t'${v}'` : `'${quote(v)}'`;
  return `${renderPath(c.path)} = ${constant}`;
}

/** The index of the innermost reference step of a path, or -1. */
export function innermostRef(path: ObjectPath): number {
  for (let i = path.steps.length - 1; i >= 0; i--) if (isRefStep(path.steps[i]!)) return i;
  return -1;
}

/**
 * The comparisons joined by AND in one observation expression: `[a = 'x' AND b = 1]` (9.5). A
 * comparison through src_ref/dst_ref is preceded by the `…_ref.type` comparison naming what the
 * reference points to, as misp-stix writes it, once per reference.
 */
export function renderPattern(comparisons: readonly Comparison[]): string {
  const parts: string[] = [];
  const typed = new Set<string>();
  for (const c of comparisons) {
    const r = innermostRef(c.path);
    if (r >= 0 && c.refType !== undefined && TYPED_REFS.has(c.path.steps[r] as string)) {
      const ref: ObjectPath = { type: c.path.type, steps: c.path.steps.slice(0, r + 1) };
      const key = renderPath(ref);
      if (!typed.has(key)) {
        typed.add(key);
        parts.push(renderComparison({ path: child(ref, 'type'), value: c.refType }));
      }
    }
    parts.push(renderComparison(c));
  }
  return `[${parts.join(' AND ')}]`;
}

/** The path with a last step appended (a property of what the path names). */
export function child(path: ObjectPath, ...steps: Step[]): ObjectPath {
  return { type: path.type, steps: [...path.steps, ...steps] };
}

/** True when a step names a reference property (6: `*_ref`, `*_refs`). */
export const isRefStep = (step: Step): step is string =>
  typeof step === 'string' && (step.endsWith('_ref') || step.endsWith('_refs'));

/** References whose target may be an address or a name: a comparison's signature says which. */
const FAMILY_REFS: ReadonlySet<string> = new Set(['src_ref', 'dst_ref', 'resolves_to_refs']);

/** The family of an SCO type in signatures: addresses are `ip`, names `domain`. */
export function familyOf(type: string): string {
  if (type === 'ipv4-addr' || type === 'ipv6-addr') return 'ip';
  if (type === 'domain-name') return 'domain';
  return type;
}

/**
 * The signature of a comparison: its path with list indices as [*] and, after a reference whose
 * target may be an address or a name, that target's family (`network-traffic:dst_ref<ip>.value`).
 * A MISP attribute type is recognised by the signatures of its comparisons.
 */
export function signatureOf(c: Pick<Comparison, 'path' | 'refType'>): string {
  const r = innermostRef(c.path);
  let out = `${c.path.type}:`;
  c.path.steps.forEach((step, i) => {
    if (typeof step === 'number' || step === '*') out += '[*]';
    else out += `${i === 0 ? '' : '.'}${step}`;
    if (i === r && FAMILY_REFS.has(step as string) && c.refType !== undefined)
      out += `<${familyOf(c.refType)}>`;
  });
  return out;
}
