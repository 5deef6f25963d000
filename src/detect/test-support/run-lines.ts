/** Test support: a detection run over in-memory sources, collecting the objects written. */
import { Readable } from 'node:stream';
import { compileIndicators } from '../indicators/compile-indicators.js';
import { readIndicators } from '../indicators/detect-indicator.js';
import type { StixJson } from '../output/stix-event.js';
import type { DetectionReport } from '../pipeline/detection-report.js';
import type { DetectOptions } from '../pipeline/detection-session.js';
import { runDetection } from '../pipeline/run-detection.js';

/** A minimal indicator valid from 2000 on. */
export function indicator(
  n: number,
  pattern: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2000-01-01T00:00:00.000Z',
    modified: '2000-01-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2000-01-01T00:00:00Z',
    ...extra,
  };
}

/** Runs detection over named in-memory files (text or bytes) against indicator objects. */
export async function runOn(
  files: ReadonlyArray<[string, string | Buffer]>,
  indicators: readonly unknown[],
  options: DetectOptions = {},
): Promise<{ report: DetectionReport; objects: StixJson[]; sightings: StixJson[] }> {
  const read = readIndicators(indicators);
  const compiled = compileIndicators(read.indicators);
  const objects: StixJson[] = [];
  const report = await runDetection({
    indicators: compiled,
    sources: files.map(([name, content]) => ({ name, open: () => Readable.from([Buffer.from(content)]) })),
    sink: { write: async (o) => void objects.push(...o) },
    options,
    now: () => new Date('2030-01-01T00:00:00.000Z'),
  });
  report.indicators_rejected.unshift(...read.rejected);
  return { report, objects, sightings: objects.filter((o) => o.type === 'sighting') };
}
