/**
 * STIX 2.0 → 2.1 for one object (the differences between STIX 2.0 Parts 1-4 and STIX 2.1):
 * `spec_version` (3.2), identifiers in lower case (2.9), created/modified to the millisecond
 * (3.2), labels to the *_types properties (4.x), indicator `pattern_type` and `valid_from` (4.7),
 * malware `is_family` (4.11), START/STOP timestamp constants (9.5.1), observed-data's
 * Observable Container to standalone SCOs (2.13, 4.14) and TLP markings (7.2.1.4). Pure: the
 * input is never changed; an object already in STIX 2.1 comes back as it is.
 */
import { isRecord } from '../validate/context.js';
import { moveLabels } from './labels-to-types.js';
import { containerToScos } from './observable-container.js';
import { timestampQualifiers } from './pattern-timestamps.js';
import { canonicalTlpV1, mapTlpRefs } from './tlp-markings.js';
import type { UpgradeNote, UpgradeOptions, UpgradeResult } from './upgrade-note.js';

type Json = Record<string, unknown>;

const ID = /^([a-z0-9-]+)--([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

/** An identifier with its UUID in lower case (2.9, RFC 4122 section 3), or the value unchanged. */
function lowerId(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = ID.exec(value);
  return m && /[A-F]/.test(m[2]!) ? `${m[1]}--${m[2]!.toLowerCase()}` : value;
}

/** Copies `value` with every identifier in id and *_ref(s) properties in lower case (not inside `objects`). */
function lowerIds(value: unknown, refKey = false): unknown {
  if (Array.isArray(value)) return value.map((v) => (refKey ? lowerId(v) : lowerIds(v)));
  if (refKey) return lowerId(value);
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    // The container's references are local keys, resolved when it becomes SCOs.
    out[k] = k === 'objects' ? v : lowerIds(v, k === 'id' || k.endsWith('_ref') || k.endsWith('_refs'));
  }
  return out;
}

/** A timestamp with at least three fraction digits (3.2: created and modified to the millisecond). */
function toMillis(value: unknown): unknown {
  if (typeof value !== 'string' || !value.endsWith('Z')) return value;
  const dot = value.indexOf('.');
  if (dot < 0) return value.length === 20 ? `${value.slice(0, 19)}.000Z` : value;
  const digits = value.length - dot - 2;
  return digits >= 3 ? value : `${value.slice(0, -1)}${'0'.repeat(3 - digits)}Z`;
}

/**
 * Moves the granular markings that select inside the container (`objects.<key>…`) to the SCOs
 * they select; the observed-data keeps the others.
 */
function moveGranular(od: Json, scos: Json[], idByKey: ReadonlyMap<string, string>): void {
  if (!Array.isArray(od.granular_markings)) return;
  const kept: unknown[] = [];
  for (const g of od.granular_markings) {
    if (!isRecord(g) || !Array.isArray(g.selectors)) {
      kept.push(g);
      continue;
    }
    const stay: unknown[] = [];
    for (const selector of g.selectors) {
      const m = typeof selector === 'string' ? /^objects\.([^.]+)(?:\.(.+))?$/.exec(selector) : null;
      const sco = m ? scos.find((s) => s.id === idByKey.get(m[1]!)) : undefined;
      if (!m || !sco) {
        stay.push(selector);
        continue;
      }
      if (m[2] === undefined) {
        // The whole embedded object was marked: an object marking of the SCO (7.2.2).
        if (typeof g.marking_ref === 'string') {
          const refs = Array.isArray(sco.object_marking_refs) ? sco.object_marking_refs : [];
          sco.object_marking_refs = [...new Set([...refs, g.marking_ref])];
        }
      } else {
        const own = Array.isArray(sco.granular_markings) ? sco.granular_markings : [];
        sco.granular_markings = [...own, { ...g, selectors: [m[2]] }];
      }
    }
    if (stay.length > 0) kept.push({ ...g, selectors: stay });
  }
  if (kept.length > 0) od.granular_markings = kept;
  else delete od.granular_markings;
}

/** The observed-data's container as SCOs, named by object_refs (4.14). */
function observedData(obj: Json, path: string, notes: UpgradeNote[]): Json[] {
  if (!isRecord(obj.objects) || obj.object_refs !== undefined) return [];
  const observedId = typeof obj.id === 'string' ? obj.id : path;
  const { scos, idByKey } = containerToScos(obj.objects, observedId, path, notes);
  if (scos.length === 0) return [];
  const marks = obj.object_marking_refs;
  const withMarks = scos.map(
    (s): Json => (Array.isArray(marks) ? { ...s, object_marking_refs: [...marks] } : { ...s }),
  );
  moveGranular(obj, withMarks, idByKey);
  delete obj.objects;
  obj.object_refs = withMarks.map((s) => s.id);
  notes.push({
    path: `${path}/objects`,
    message: `Observable Container (2.13, deprecated) turned into ${withMarks.length} SCO(s) named by object_refs`,
  });
  return withMarks;
}

/** Type-specific changes of one SDO (in place); notes say what changed. */
function sdoChanges(obj: Json, type: string, path: string, notes: UpgradeNote[]): void {
  const say = (property: string, message: string) => notes.push({ path: `${path}/${property}`, message });
  for (const m of moveLabels(obj, type)) say('labels', m);
  if (type === 'indicator') {
    if (obj.pattern_type === undefined) {
      obj.pattern_type = 'stix';
      say('pattern_type', 'pattern_type "stix" added (required in 2.1, 4.7)');
    }
    if (obj.pattern_type === 'stix' && typeof obj.pattern === 'string') {
      const pattern = timestampQualifiers(obj.pattern);
      if (pattern !== obj.pattern) {
        obj.pattern = pattern;
        say('pattern', "START/STOP timestamps written as t'…' constants (9.5.1)");
      }
    }
    if (obj.valid_from === undefined && typeof obj.created === 'string') {
      obj.valid_from = obj.created;
      say('valid_from', 'valid_from missing: set to created');
    }
  }
  if (type === 'malware' && obj.is_family === undefined) {
    // STIX 2.0 malware described malware families ("a type of TTP"); 2.1 asks which (4.11).
    obj.is_family = true;
    say('is_family', 'is_family set to true (required in 2.1; STIX 2.0 malware names a family)');
  }
}

/** Upgrades one STIX 2.0 object to STIX 2.1 (see the module comment). `path` prefixes note paths. */
export function upgradeObject(value: unknown, options: UpgradeOptions = {}, path = ''): UpgradeResult {
  if (!isRecord(value) || typeof value.type !== 'string') {
    return { objects: [value], notes: [{ path, message: 'not a STIX object: left as it is' }] };
  }
  if (value.spec_version !== undefined && value.spec_version !== '2.0')
    return { objects: [value], notes: [] };
  const notes: UpgradeNote[] = [];
  const type = value.type;
  const obj = lowerIds(value) as Json;
  if (obj.id !== value.id)
    notes.push({ path: `${path}/id`, message: 'identifiers written in lower case (2.9)' });
  const canonical =
    typeof obj.id === 'string' && type === 'marking-definition' ? canonicalTlpV1(obj.id) : undefined;
  if (canonical !== undefined) {
    if (options.tlp === 'map')
      return { objects: [], notes: [{ path, message: 'TLP 1.0 definition left out (mapped to TLP 2.0)' }] };
    return {
      objects: [canonical],
      notes: [{ path, message: 'TLP 1.0 definition replaced by its STIX 2.1 form (7.2.1.4)' }],
    };
  }
  const { spec_version: _old, ...rest } = obj;
  const upgraded: Json = { type, spec_version: '2.1', ...rest };
  for (const name of ['created', 'modified'] as const) {
    const ms = toMillis(upgraded[name]);
    if (ms !== upgraded[name]) {
      upgraded[name] = ms;
      notes.push({ path: `${path}/${name}`, message: `${name} written to the millisecond (3.2)` });
    }
  }
  sdoChanges(upgraded, type, path, notes);
  const scos = type === 'observed-data' ? observedData(upgraded, path, notes) : [];
  if (options.tlp === 'map') {
    for (const o of [upgraded, ...scos])
      if (mapTlpRefs(o)) notes.push({ path, message: 'TLP 1.0 markings mapped to TLP 2.0' });
  }
  return { objects: [upgraded, ...scos], notes };
}
