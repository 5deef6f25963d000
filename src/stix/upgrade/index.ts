/** STIX 2.0 → 2.1 upgrade (re-exported by src/stix/index.ts). */
export { UPGRADE_NAMESPACE } from './observable-container.js';
export { type UpgradedBundle, upgradeBundle, upgradeObjects } from './upgrade-bundle.js';
export type { UpgradeNote, UpgradeOptions, UpgradeResult } from './upgrade-note.js';
export { upgradeObject } from './upgrade-object.js';
