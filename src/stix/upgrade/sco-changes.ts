/**
 * The Cyber-observable properties STIX 2.1 renamed or removed since STIX 2.0 (STIX 2.0 Part 4
 * against STIX 2.1 section 6). A removed property has no 2.1 counterpart: it is kept under
 * `x_stix20_<name>` (a custom property, 11.1) so that nothing the producer wrote is lost.
 */

/** What changed for one object type (or one extension of it). */
interface Changes {
  readonly renamed?: Readonly<Record<string, string>>;
  readonly removed?: readonly string[];
}

/** SCO type → its top-level changes. */
export const SCO_CHANGES: Readonly<Record<string, Changes>> = {
  directory: { renamed: { created: 'ctime', modified: 'mtime', accessed: 'atime' } },
  file: {
    renamed: { created: 'ctime', modified: 'mtime', accessed: 'atime' },
    // 6.7: encryption moved to the artifact the file's content_ref names.
    removed: ['is_encrypted', 'encryption_algorithm', 'decryption_key'],
  },
  process: { renamed: { created: 'created_time', binary_ref: 'image_ref' }, removed: ['name', 'arguments'] },
  'user-account': { renamed: { password_last_changed: 'credential_last_changed' } },
  'windows-registry-key': { renamed: { modified: 'modified_time' } },
};

/** Extension name → its changes (the same whatever SCO carries it). */
export const EXTENSION_CHANGES: Readonly<Record<string, Changes>> = {
  'archive-ext': { removed: ['version'] },
  'raster-image-ext': { removed: ['image_compression_algorithm'] },
  'socket-ext': { removed: ['protocol_family'] },
};

/** The custom property a removed 2.0 property is kept under. */
export const keptName = (name: string): string => `x_stix20_${name}`;

/**
 * Applies one table entry to a copy of `target`; `where` names the object in notes.
 * Returns the messages of what it did.
 */
export function applyChanges(target: Record<string, unknown>, changes: Changes, where: string): string[] {
  const said: string[] = [];
  for (const [from, to] of Object.entries(changes.renamed ?? {})) {
    if (!(from in target)) continue;
    if (!(to in target)) target[to] = target[from];
    delete target[from];
    said.push(`${where}: ${from} renamed ${to} (STIX 2.1)`);
  }
  for (const name of changes.removed ?? []) {
    if (!(name in target)) continue;
    target[keptName(name)] = target[name];
    delete target[name];
    said.push(`${where}: ${name} has no STIX 2.1 counterpart; kept as ${keptName(name)}`);
  }
  return said;
}
