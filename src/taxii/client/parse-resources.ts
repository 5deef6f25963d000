/**
 * Shape checks that turn untrusted response JSON into the typed resources of types.ts. A
 * response that is not the resource expected fails with TAXII_CLIENT_BAD_RESPONSE naming the
 * JSON pointer of the first wrong property; unknown extra properties are kept (section 7.1).
 */
import { TaxiiClientError, type TaxiiErrorResource } from './errors.js';
import type {
  ApiRootInfo,
  CollectionInfo,
  DateAddedRange,
  Discovery,
  EnvelopePage,
  ManifestPage,
  ManifestRecord,
  StatusDetails,
  TaxiiObject,
  TaxiiStatus,
  VersionsPage,
} from './types.js';

type Json = Record<string, unknown>;

function bad(what: string, pointer: string, message: string): never {
  throw new TaxiiClientError('TAXII_CLIENT_BAD_RESPONSE', `${what}: ${pointer || '/'} ${message}`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(what: string, v: unknown, pointer = ''): Json {
  if (!isObject(v)) bad(what, pointer, 'must be a JSON object');
  return v;
}

function str(what: string, o: Json, key: string, pointer = ''): string {
  const v = o[key];
  if (typeof v !== 'string') bad(what, `${pointer}/${key}`, 'must be a string');
  return v;
}

function optStr(what: string, o: Json, key: string, pointer = ''): string | undefined {
  return o[key] === undefined ? undefined : str(what, o, key, pointer);
}

function count(what: string, o: Json, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(what, `/${key}`, 'must be an integer >= 0');
  return v;
}

function list(what: string, o: Json, key: string): readonly unknown[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) bad(what, `/${key}`, 'must be a list');
  return v;
}

function more(what: string, o: Json): boolean {
  const v = o.more;
  if (v === undefined) return false; // section 3.7: absence means false
  if (typeof v !== 'boolean') bad(what, '/more', 'must be a boolean');
  return v;
}

/** T with properties that may hold undefined made optional and undefined-free (exactOptionalPropertyTypes). */
type Stripped<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

function stripUndefined<T extends object>(o: T): Stripped<T> {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o as Stripped<T>;
}

/** Discovery resource (section 4.1.1); relative API root URLs are resolved against `base`. */
export function parseDiscovery(v: unknown, base: string): Discovery {
  const what = 'discovery resource';
  const o = obj(what, v);
  const roots = list(what, o, 'api_roots').map((r, i) => {
    if (typeof r !== 'string') bad(what, `/api_roots/${i}`, 'must be a string');
    return new URL(r, base).href;
  });
  const dflt = optStr(what, o, 'default');
  return stripUndefined({
    ...o,
    title: str(what, o, 'title'),
    description: optStr(what, o, 'description'),
    contact: optStr(what, o, 'contact'),
    default: dflt === undefined ? undefined : new URL(dflt, base).href,
    api_roots: roots,
  });
}

/** API root resource (section 4.2.1). */
export function parseApiRoot(v: unknown): ApiRootInfo {
  const what = 'API root resource';
  const o = obj(what, v);
  const versions = list(what, o, 'versions').map((x, i) => {
    if (typeof x !== 'string') bad(what, `/versions/${i}`, 'must be a string');
    return x;
  });
  return {
    ...o,
    title: str(what, o, 'title'),
    versions,
    max_content_length: count(what, o, 'max_content_length'),
  };
}

/** Collection resource (section 5.2.1). */
export function parseCollection(v: unknown, pointer = ''): CollectionInfo {
  const what = 'collection resource';
  const o = obj(what, v, pointer);
  for (const key of ['can_read', 'can_write'] as const) {
    if (typeof o[key] !== 'boolean') bad(what, `${pointer}/${key}`, 'must be a boolean');
  }
  return { ...o, id: str(what, o, 'id', pointer), title: str(what, o, 'title', pointer) } as CollectionInfo;
}

/** Collections resource (section 5.1.1): the list, possibly empty. */
export function parseCollections(v: unknown): readonly CollectionInfo[] {
  const o = obj('collections resource', v);
  return list('collections resource', o, 'collections').map((c, i) =>
    parseCollection(c, `/collections/${i}`),
  );
}

/** Envelope (section 3.7) plus date headers. */
export function parseEnvelope(v: unknown, dates: DateAddedRange): EnvelopePage {
  const what = 'envelope';
  const o = obj(what, v);
  const objects = list(what, o, 'objects').map((x, i) => obj(what, x, `/objects/${i}`) as TaxiiObject);
  return stripUndefined({ objects, more: more(what, o), next: optStr(what, o, 'next'), ...dates });
}

/** Manifest resource (section 5.3.1) plus date headers. */
export function parseManifest(v: unknown, dates: DateAddedRange): ManifestPage {
  const what = 'manifest resource';
  const o = obj(what, v);
  const objects = list(what, o, 'objects').map((x, i): ManifestRecord => {
    const p = `/objects/${i}`;
    const r = obj(what, x, p);
    return stripUndefined({
      id: str(what, r, 'id', p),
      date_added: str(what, r, 'date_added', p),
      version: str(what, r, 'version', p),
      media_type: optStr(what, r, 'media_type', p),
    });
  });
  return stripUndefined({ objects, more: more(what, o), next: optStr(what, o, 'next'), ...dates });
}

/** Versions resource (section 5.8.1) plus date headers. */
export function parseVersions(v: unknown, dates: DateAddedRange): VersionsPage {
  const what = 'versions resource';
  const o = obj(what, v);
  const versions = list(what, o, 'versions').map((x, i) => {
    if (typeof x !== 'string') bad(what, `/versions/${i}`, 'must be a string');
    return x;
  });
  return stripUndefined({ versions, more: more(what, o), next: optStr(what, o, 'next'), ...dates });
}

function details(what: string, o: Json, key: string): readonly StatusDetails[] {
  return list(what, o, key).map((x, i) => {
    const p = `/${key}/${i}`;
    const d = obj(what, x, p);
    return stripUndefined({
      id: str(what, d, 'id', p),
      version: str(what, d, 'version', p),
      message: optStr(what, d, 'message', p),
    });
  });
}

/** Status resource (section 4.3.1). */
export function parseStatus(v: unknown): TaxiiStatus {
  const what = 'status resource';
  const o = obj(what, v);
  const status = o.status;
  if (status !== 'pending' && status !== 'complete') bad(what, '/status', 'must be "pending" or "complete"');
  return stripUndefined({
    id: str(what, o, 'id'),
    status: status as TaxiiStatus['status'],
    request_timestamp: optStr(what, o, 'request_timestamp'),
    total_count: count(what, o, 'total_count'),
    success_count: count(what, o, 'success_count'),
    successes: details(what, o, 'successes'),
    failure_count: count(what, o, 'failure_count'),
    failures: details(what, o, 'failures'),
    pending_count: count(what, o, 'pending_count'),
    pendings: details(what, o, 'pendings'),
  });
}

/** The error resource (section 3.6.1) of an error response, or undefined when the body is not one. */
export function parseErrorResource(v: unknown): TaxiiErrorResource | undefined {
  if (!isObject(v) || typeof v.title !== 'string') return undefined;
  return v as unknown as TaxiiErrorResource;
}
