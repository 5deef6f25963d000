/**
 * `accord import --upgrade`: STIX 2.0 objects become STIX 2.1 before they are validated and
 * stored (src/stix/upgrade: spec_version, identifiers, TLP 1.0 kept or mapped, observed-data's
 * embedded objects as SCOs with deterministic ids). Objects already in 2.1 pass unchanged.
 */
import { SCO_TYPES, type UpgradeOptions, upgradeObject } from '../../stix/index.js';
import type { IngestItem } from './ingest-batch.js';

type Json = Record<string, unknown>;

/** True when a value reads as STIX 2.0: from a 2.0 bundle, saying so, or an SDO/SRO with no spec_version (2.1 requires it, 3.2). */
function isStix20(item: IngestItem): boolean {
  const value = item.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as Json;
  if (o.spec_version === '2.0') return true;
  if (o.spec_version !== undefined) return false;
  if (item.specVersion === '2.0') return true;
  return typeof o.type === 'string' && !Object.hasOwn(SCO_TYPES, o.type);
}

/** The items upgraded to STIX 2.1 (an observed-data brings its SCOs along, right after it). */
export function upgradeItems(
  items: readonly IngestItem[],
  options: UpgradeOptions,
): { items: IngestItem[]; rejected: { path: string; message: string }[] } {
  const out: IngestItem[] = [];
  const rejected: { path: string; message: string }[] = [];
  // SCOs of several containers that share a deterministic id go once (2.9), as upgradeObjects does.
  const scoIds = new Set<string>();
  for (const item of items) {
    if (!isStix20(item)) {
      out.push(item);
      continue;
    }
    try {
      const { objects } = upgradeObject(item.value, options, item.path);
      objects.forEach((value, k) => {
        const id = (value as Json | undefined)?.id;
        if (k > 0 && typeof id === 'string') {
          if (scoIds.has(id)) return;
          scoIds.add(id);
        }
        const path = k === 0 ? item.path : `${item.path}/objects/${k - 1}`;
        out.push({
          value,
          path,
          specVersion: '2.1',
          ...(k === 0 && item.duplicateKey ? { duplicateKey: item.duplicateKey } : {}),
        });
      });
    } catch (error) {
      rejected.push({
        path: item.path,
        message: `cannot be upgraded to STIX 2.1: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { items: out, rejected };
}
