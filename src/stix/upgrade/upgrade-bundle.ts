/** STIX 2.0 → 2.1 for a whole bundle (or list of objects): every object upgraded, SCOs of one id once. */
import { isRecord } from '../validate/context.js';
import type { UpgradeNote, UpgradeOptions } from './upgrade-note.js';
import { upgradeObject } from './upgrade-object.js';

/** An upgraded bundle and what changed. */
export interface UpgradedBundle {
  /** The STIX 2.1 bundle (2.1 bundles have no spec_version, 8.1). */
  readonly bundle: Readonly<Record<string, unknown>>;
  readonly notes: readonly UpgradeNote[];
}

/**
 * Upgrades the objects of a bundle (or a JSON array of objects) to STIX 2.1. SCOs taken out of
 * several observed-data that share a deterministic id appear once (the first one, 2.9).
 */
export function upgradeObjects(
  objects: readonly unknown[],
  options: UpgradeOptions = {},
  basePath = '',
): { objects: unknown[]; notes: UpgradeNote[] } {
  const out: unknown[] = [];
  const notes: UpgradeNote[] = [];
  const scoIds = new Set<string>();
  objects.forEach((value, i) => {
    const result = upgradeObject(value, options, `${basePath}/${i}`);
    notes.push(...result.notes);
    result.objects.forEach((o, k) => {
      // Index 0 is the object itself; the rest are SCOs from its container.
      if (k > 0 && isRecord(o) && typeof o.id === 'string') {
        if (scoIds.has(o.id)) return;
        scoIds.add(o.id);
      }
      out.push(o);
    });
  });
  return { objects: out, notes };
}

/** Upgrades a STIX 2.0 bundle; a value that is not a bundle comes back unchanged with a note. */
export function upgradeBundle(bundle: unknown, options: UpgradeOptions = {}): UpgradedBundle {
  if (!isRecord(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    return { bundle: isRecord(bundle) ? bundle : {}, notes: [{ path: '', message: 'not a STIX bundle' }] };
  }
  const { objects, notes } = upgradeObjects(bundle.objects, options, '/objects');
  const { spec_version: _old, objects: _objects, ...rest } = bundle;
  return { bundle: { ...rest, objects }, notes };
}
