/**
 * Joint advisories under embargo (docs/decisions/0004-advisory-release.md): the report of an
 * advisory and its co-signers' signatures are released only by a release entry that the node's
 * release job writes once every co-signer signed in time, never by the clock, so that a missed
 * advisory stays with its co-signers on every node. The extension ids are intel/'s (it imports
 * them from here, so the two cannot drift).
 */

/** A joint advisory: on the `report`, its release time and co-signers. */
export const ADVISORY_EXTENSION_ID = 'extension-definition--3cbb3a08-2d10-47df-8ec3-7824a0c5e3b6';
/** A co-signer's signature of one advisory text: on an `agree` opinion naming the report. */
export const SIGNATURE_EXTENSION_ID = 'extension-definition--7599d6ef-638c-4a3d-9de2-39bae64071f3';

/**
 * True when the object carries the advisory or the signature extension: its embargo is an
 * advisory embargo, lifted only by a `released` entry (whatever the type: an extension is the
 * producer's statement of what the object is, and claiming it only narrows who sees it).
 */
export function releasedByEntryOnly(object: Readonly<Record<string, unknown>>): boolean {
  const extensions = object.extensions;
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return false;
  return (
    Object.hasOwn(extensions, ADVISORY_EXTENSION_ID) || Object.hasOwn(extensions, SIGNATURE_EXTENSION_ID)
  );
}
