/**
 * MISP sightings → STIX: a sighting (type 0) becomes a `sighting` of the object its attribute
 * became (5.2; where_sighted_refs the sighting organisation's identity), a false positive (type
 * 1) an `opinion` "strongly-disagree" about it (4.13); an expiration (type 2) has no STIX
 * counterpart and is reported as left out.
 */

import { uuidV5 } from '../../stix/index.js';
import type { EventContext } from './event-context.js';
import type { MispAttribute, MispOrg, MispSighting } from './misp-types.js';
import { epochToStix, MISP_NAMESPACE, stixId } from './stix-ids.js';

type Json = Record<string, unknown>;

/** The identity of a MISP organisation (emitted once per event). */
export function orgIdentity(ctx: EventContext, org: MispOrg, marks: readonly string[]): string | undefined {
  if (!org.uuid) return undefined;
  const id = stixId('identity', org.uuid);
  if (!ctx.has(id)) {
    const at = epochToStix(ctx.event.timestamp);
    ctx.add(
      [
        {
          type: 'identity',
          spec_version: '2.1',
          id,
          created: at,
          modified: at,
          name: org.name,
          identity_class: 'organization',
          ...(marks.length > 0 ? { object_marking_refs: [...marks] } : {}),
        },
      ],
      false,
    );
  }
  return id;
}

/** The sightings of one attribute, about `target` (the object the attribute became). */
export function sightingsToStix(
  a: MispAttribute,
  target: Json,
  ctx: EventContext,
  marks: readonly string[],
): void {
  a.sightings.forEach((s: MispSighting, i) => {
    const org = s.org ? orgIdentity(ctx, s.org, marks) : undefined;
    const at = epochToStix(s.date);
    const uuid =
      s.uuid ?? uuidV5(`sighting:${a.uuid}|${s.type}|${s.date}|${s.org?.uuid ?? ''}|${i}`, MISP_NAMESPACE);
    const common = {
      spec_version: '2.1',
      ...(org ? { created_by_ref: org } : {}),
      created: at,
      modified: at,
      ...(marks.length > 0 ? { object_marking_refs: [...marks] } : {}),
    };
    if (s.type === 0) {
      ctx.add([
        {
          type: 'sighting',
          id: stixId('sighting', uuid),
          ...common,
          sighting_of_ref: target.id,
          first_seen: at,
          last_seen: at,
          count: 1,
          ...(org ? { where_sighted_refs: [org] } : {}),
          ...(s.source ? { description: `MISP sighting from ${s.source}` } : {}),
        },
      ]);
    } else if (s.type === 1) {
      ctx.add([
        {
          type: 'opinion',
          id: stixId('opinion', uuid),
          ...common,
          opinion: 'strongly-disagree',
          explanation: `MISP false-positive sighting${s.source ? ` from ${s.source}` : ''}`,
          object_refs: [target.id],
        },
      ]);
    } else {
      ctx.issues.push({
        code: 'INTEROP_NOT_CONVERTED',
        severity: 'warning',
        path: `${a.path}/Sighting/${i}`,
        message: 'an expiration sighting has no STIX counterpart: left out',
        uuid: a.uuid,
        type: a.type,
      });
    }
  });
}
