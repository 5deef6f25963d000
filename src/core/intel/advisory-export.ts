/**
 * `advisory export` (CONTRACT.md "Joint advisories"): the advisory's current text as the caller
 * sees it, with its TLP, co-signers by organisation name, release time and the indicators and
 * techniques it references that the caller may see (hidden ≡ absent), as Markdown, HTML, PDF or
 * one STIX bundle.
 */
import {
  advisoryBundle,
  advisoryDocument,
  advisoryFacts,
  advisoryHtml,
  advisoryMarkdown,
  advisoryPdf,
  signatureFacts,
} from '../../intel/index.js';
import { parseStoredObject } from '../../policy/index.js';
import type { NodeServices } from '../node/node-services.js';
import { seenAdvisory } from './advisory.js';
import { newestVisible } from './visible-versions.js';

/** The export formats. */
export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'stix'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What `advisory export` was given. */
export interface ExportRequest {
  readonly username: string;
  readonly id: string;
  readonly format: ExportFormat;
  /** The Chromium executable for PDF (default: Debian's /usr/bin/chromium). */
  readonly chromium?: string;
}

/** The export's bytes (text formats in UTF-8). */
export async function exportAdvisory(node: NodeServices, request: ExportRequest): Promise<Buffer> {
  const { caller, current, signatures, status } = await seenAdvisory(node, request.username, request.id);
  const report = current.object;
  const facts = advisoryFacts(report);
  const refs = report.type === 'report' ? report.object_refs : [];
  const referenced = await newestVisible(node, caller, refs);
  if (request.format === 'stix') {
    const identities = await newestVisible(node, caller, facts?.cosigners ?? []);
    const definitions = await node.store.listMarkingDefinitions();
    const markings = (facts?.markingRefs ?? []).flatMap((ref) => {
      const known = definitions.get(ref);
      return known === undefined ? [] : [parseStoredObject(known.json)];
    });
    // The standing signatures of exactly this text (a signature of an older text is not shown).
    const signed = signatures
      .map((s) => s.object)
      .filter((o) => {
        const f = signatureFacts(o);
        return (
          f !== undefined &&
          f.report === status.id &&
          f.version === status.version &&
          f.digest === status.digest
        );
      });
    const bundle = advisoryBundle({
      report,
      related: [...markings, ...identities.values(), ...signed, ...referenced.values()],
    });
    return Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`);
  }
  const names = new Map((await node.store.listOrganizations()).map((o) => [o.identityId, o.name]));
  const doc = advisoryDocument({ report, organisationNames: names, referenced: [...referenced.values()] });
  if (request.format === 'md') return Buffer.from(advisoryMarkdown(doc));
  if (request.format === 'html') return Buffer.from(advisoryHtml(doc));
  return advisoryPdf(doc, request.chromium === undefined ? {} : { executablePath: request.chromium });
}
