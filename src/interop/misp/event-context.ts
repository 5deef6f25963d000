/**
 * What the conversion of one event accumulates: the STIX objects made so far, the report's
 * object_refs, its external references, and the issues. Objects of one event are one unit
 * (the import stores them in one transaction): nothing is emitted for an attribute that failed.
 */
import type { ConversionIssue } from '../errors/issue.js';
import { clusterToSdo, galaxyRelationship } from './galaxy-to-stix.js';
import type { MispEvent, MispGalaxy } from './misp-types.js';
import { epochToStix, relationshipId, stixId } from './stix-ids.js';
import { levelOf, markingRefs, type Sharing } from './tags-and-markings.js';

type Json = Record<string, unknown>;

/** The MISP attribute or object an object was made from (named in reports). */
export interface Source {
  readonly path: string;
  readonly uuid?: string;
  readonly type?: string;
}

/** The conversion state of one event. */
export class EventContext {
  readonly objects: Json[] = [];
  readonly refs: string[] = [];
  readonly externalReferences: Json[] = [];
  readonly issues: ConversionIssue[] = [];
  /** Galaxy tags whose cluster became an SDO (they are not repeated as labels). */
  readonly convertedGalaxyTags = new Set<string>();
  readonly reportId: string;
  readonly createdBy: string | undefined;
  readonly eventMarks: readonly string[];
  private readonly dayStart: number | undefined;
  private readonly galaxyIds = new Map<string, string>();
  private readonly relationshipIds = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly stamps = new Map<number, string>();
  /** Where each object came from, for reports about it. */
  readonly sources = new Map<string, Source>();

  constructor(readonly event: MispEvent) {
    this.reportId = stixId(event.published ? 'report' : 'grouping', event.uuid);
    this.createdBy = event.orgc?.uuid ? stixId('identity', event.orgc.uuid) : undefined;
    this.eventMarks = markingRefs(levelOf([event]));
    this.dayStart = event.date ? Date.parse(`${event.date}T00:00:00Z`) / 1000 : undefined;
  }

  /**
   * created/modified of an object last changed at `epoch`: created is the event's date (stable
   * across changes, 3.6) unless that is later than the change; modified is the change.
   */
  times(epoch: number): { created: string; modified: string } {
    const created = this.dayStart !== undefined && this.dayStart <= epoch ? this.dayStart : epoch;
    return { created: this.stamp(created), modified: this.stamp(epoch) };
  }

  /** The STIX timestamp of epoch seconds (attributes of an event share a few). */
  private stamp(epoch: number): string {
    let text = this.stamps.get(epoch);
    if (text === undefined) {
      text = epochToStix(epoch);
      this.stamps.set(epoch, text);
    }
    return text;
  }

  /** The common properties of an SDO/SRO made from something MISP last changed at `epoch`. */
  common(type: string, id: string, epoch: number, marks: readonly string[]): Json {
    return {
      type,
      spec_version: '2.1',
      id,
      ...(this.createdBy ? { created_by_ref: this.createdBy } : {}),
      ...this.times(epoch),
      ...(marks.length > 0 ? { object_marking_refs: [...marks] } : {}),
    };
  }

  /** object_marking_refs for objects made from the event and the given object/attribute. */
  marks(...holders: Sharing[]): readonly string[] {
    // Most attributes inherit (no tag, distribution 5): they share the event's markings.
    if (
      holders.every(
        (h) =>
          (h.tags === undefined || h.tags.length === 0) &&
          (h.distribution === undefined || h.distribution === 5),
      )
    )
      return this.eventMarks;
    return markingRefs(levelOf([this.event, ...holders]));
  }

  /**
   * Adds objects; `inReport` lists them in the report's object_refs. An id already added (an SCO
   * two attributes share, by its deterministic id) is kept once: the first one stands.
   */
  add(objects: readonly Json[], inReport = true, source?: Source): void {
    for (const o of objects) {
      if (this.ids.has(String(o.id))) continue;
      this.objects.push(o);
      this.ids.add(String(o.id));
      if (source !== undefined) this.sources.set(String(o.id), source);
      if (inReport) this.refs.push(String(o.id));
    }
  }

  /** True when an object with this id was added. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The SDOs of galaxies (each cluster once per event); returns their ids. */
  galaxies(galaxies: readonly MispGalaxy[], marks: readonly string[]): string[] {
    const ids: string[] = [];
    for (const galaxy of galaxies) {
      for (const cluster of galaxy.clusters) {
        const known = this.galaxyIds.get(cluster.uuid);
        if (known !== undefined) {
          ids.push(known);
          continue;
        }
        const sdo = clusterToSdo(galaxy, cluster, this.times(this.event.timestamp), marks);
        if (sdo === undefined) {
          this.issues.push({
            code: 'INTEROP_NOT_CONVERTED',
            severity: 'warning',
            path: this.event.path,
            message: `galaxy type "${galaxy.type}" has no STIX counterpart: kept as a label`,
            type: galaxy.type,
          });
          continue;
        }
        this.convertedGalaxyTags.add(`misp-galaxy:${galaxy.type}="${cluster.value}"`);
        this.galaxyIds.set(cluster.uuid, String(sdo.id));
        this.add([sdo]);
        ids.push(String(sdo.id));
      }
    }
    return ids;
  }

  /** A relationship (once per source, type and target), listed in the report. */
  relate(source: Json, target: string, marks: readonly string[], type?: string): void {
    const targetType = target.slice(0, target.indexOf('--'));
    const relationshipType = type ?? galaxyRelationship(String(source.type), targetType);
    const id = relationshipId(String(source.id), relationshipType, target);
    if (this.relationshipIds.has(id)) return;
    this.relationshipIds.add(id);
    this.add([
      {
        ...this.common('relationship', id, this.event.timestamp, marks),
        relationship_type: relationshipType,
        source_ref: source.id,
        target_ref: target,
      },
    ]);
  }
}
