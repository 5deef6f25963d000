/**
 * Builds the SCOs of one observation from comparisons: each path is followed from its root
 * object, creating the objects its references name (a network-traffic's dst_ref, a file's
 * parent_directory_ref) and the list entries its indices name. Ids are deterministic (spec
 * 2.9), computed children first so that references contribute resolved ids; an SCO with no ID
 * Contributing Properties gets a version-4-shaped UUID derived from `seed`.
 */
import { deterministicId, uuidV5 } from '../../stix/index.js';
import { type Comparison, innermostRef, isRefStep, type Step } from './comparisons.js';
import { MISP_NAMESPACE } from './stix-ids.js';

type Json = Record<string, unknown>;

/** An SCO being built: its type and properties (references hold other nodes until serialised). */
class Node {
  readonly props: Json = {};
  constructor(readonly type: string) {}
}

/** The object type a reference property names by default (6.x property definitions). */
const REF_TARGETS: Readonly<Record<string, string>> = {
  content_ref: 'artifact',
  raw_email_ref: 'artifact',
  src_payload_ref: 'artifact',
  dst_payload_ref: 'artifact',
  parent_directory_ref: 'directory',
  from_ref: 'email-addr',
  sender_ref: 'email-addr',
  to_refs: 'email-addr',
  cc_refs: 'email-addr',
  bcc_refs: 'email-addr',
  body_raw_ref: 'file',
  image_ref: 'file',
  parent_ref: 'process',
  child_refs: 'process',
  belongs_to_refs: 'autonomous-system',
  creator_user_ref: 'user-account',
  src_ref: 'ipv4-addr',
  dst_ref: 'ipv4-addr',
  resolves_to_refs: 'ipv4-addr',
};

/** What building produced: the SCOs (root first), and the comparisons that did not fit (a second value). */
export interface BuiltObservation {
  readonly objects: readonly Json[];
  readonly leftOver: readonly Comparison[];
}

const isIndex = (s: Step | undefined): s is number | '*' => typeof s === 'number' || s === '*';

/** The list held at `key` of `holder`, made empty when absent. */
function listAt<T>(holder: Json, key: string): T[] {
  if (!Array.isArray(holder[key])) holder[key] = [];
  return holder[key] as T[];
}

/** The entry of `list` that index `index` names for a comparison setting `next` (see module comment). */
function entry<T>(list: T[], index: number | '*', lacks: (t: T) => boolean, make: () => T): T {
  if (typeof index === 'number') {
    list[index] ??= make();
    return list[index]!;
  }
  const last = list[list.length - 1];
  if (last !== undefined && lacks(last)) return last;
  const made = make();
  list.push(made);
  return made;
}

/** Sets one comparison into the tree under `root`; false when the leaf already holds another value. */
function place(root: Node, c: Comparison): boolean {
  const steps = c.path.steps;
  const innermost = innermostRef(c.path);
  let holder: Json = root.props;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string;
    const next = steps[i + 1];
    const last = i === steps.length - 1;
    if (last) {
      if (holder[step] !== undefined && holder[step] !== c.value) return false;
      holder[step] = c.value;
      return true;
    }
    const typeOf = () =>
      i === innermost && c.refType !== undefined ? c.refType : (REF_TARGETS[step] ?? 'domain-name');
    const nextKey = steps[i + 2];
    if (isRefStep(step) && isIndex(next)) {
      const list = listAt<Node>(holder, step);
      const node = entry(
        list,
        next,
        (n) => typeof nextKey === 'string' && n.props[nextKey] === undefined,
        () => new Node(typeOf()),
      );
      holder = node.props;
      i++;
    } else if (isRefStep(step)) {
      const existing = holder[step];
      if (existing instanceof Node && existing.type !== typeOf()) return false;
      const node = existing instanceof Node ? existing : new Node(typeOf());
      holder[step] = node;
      holder = node.props;
    } else if (isIndex(next)) {
      const list = listAt<unknown>(holder, step);
      if (i + 1 === steps.length - 1) {
        // A list of constants (received_lines[*]): one entry per comparison.
        if (typeof next === 'number') list[next] = c.value;
        else if (!list.includes(c.value)) list.push(c.value);
        return true;
      }
      holder = entry(
        list as Json[],
        next,
        (o: Json) => typeof nextKey === 'string' && o[nextKey] === undefined,
        (): Json => ({}),
      );
      i++;
    } else {
      const existing = holder[step];
      if (typeof existing !== 'object' || existing === null) holder[step] = {};
      holder = holder[step] as Json;
    }
  }
  return true;
}

/** Values required by 2.1 that an observation may not state (6.6 is_multipart, 6.12 protocols). */
function requiredDefaults(type: string, props: Json): void {
  if (type === 'network-traffic' && props.protocols === undefined) props.protocols = ['tcp'];
  if (type === 'email-message' && props.is_multipart === undefined)
    props.is_multipart = Array.isArray(props.body_multipart) && props.body_multipart.length > 0;
}

/** Serialises a node and its descendants (children first for ids); returns its id. */
function serialise(node: Node, seed: string, out: Json[], where: string): string {
  const resolve = (value: unknown, path: string): unknown => {
    if (value instanceof Node) return serialise(value, seed, out, path);
    if (Array.isArray(value)) return value.map((v, i) => resolve(v, `${path}/${i}`));
    if (typeof value === 'object' && value !== null) {
      const copy: Json = {};
      for (const k in value) copy[k] = resolve((value as Json)[k], `${path}/${k}`);
      return copy;
    }
    return value;
  };
  const props = resolve(node.props, where) as Json;
  requiredDefaults(node.type, props);
  const sco: Json = { type: node.type, spec_version: '2.1', id: '', ...props };
  let id = deterministicId(sco);
  if (id === undefined) {
    const u = uuidV5(`${seed}${where}`, MISP_NAMESPACE);
    id = `${node.type}--${u.slice(0, 14)}4${u.slice(15)}`;
  }
  sco.id = id;
  out.push(sco);
  return id;
}

/**
 * Builds the SCOs the comparisons describe (one tree per root type, in the order roots appear;
 * each tree root first). `seed` (e.g. the attribute uuid) names SCOs that have no deterministic id.
 */
export function buildObservation(comparisons: readonly Comparison[], seed: string): BuiltObservation {
  const roots = new Map<string, Node>();
  const leftOver: Comparison[] = [];
  for (const c of comparisons) {
    let root = roots.get(c.path.type);
    if (root === undefined) {
      root = new Node(c.path.type);
      roots.set(c.path.type, root);
    }
    if (!place(root, c)) leftOver.push(c);
  }
  const objects: Json[] = [];
  for (const [type, root] of roots) {
    const tree: Json[] = [];
    serialise(root, seed, tree, `/${type}`);
    // serialise pushes children before parents; the root is last.
    objects.push(...tree.reverse());
  }
  return { objects, leftOver };
}
