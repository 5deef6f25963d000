/**
 * bench/match's comparison of `accord pattern match-set`'s CLI path with the library path, in a
 * process of its own holding only what the command holds (the 10,000-indicator set), so that
 * the collector's work for the parent's 100,000-indicator set does not land on either path.
 * Arguments: PATTERNS.jsonl EVENTS.jsonl. Prints a JSON MatchCliResult on stdout.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { eventBlocks, matchEventLines } from '../src/cli/pattern-match-set.js';
import { compileIndicatorSet } from '../src/pattern/index.js';

/** One path's best of three passes. */
export interface PathTiming {
  readonly ms: number;
  readonly cpuMs: number;
  readonly matches: number;
}

/** What this process prints. */
export interface MatchCliResult {
  readonly events: number;
  readonly cli: PathTiming;
  readonly library: PathTiming;
  /** The CLI path's floor: the same reads and one JSON.parse per line, no matching (`matches`: objects parsed). */
  readonly parseOnly: PathTiming;
}

// Best of 3 passes, in wall time and in CPU time of this process (other load on the machine
// stretches wall time, not CPU time; the CLI path's reads are in its CPU time too).
async function best(run: () => Promise<number> | number): Promise<PathTiming> {
  let ms = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  let matches = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    matches = await run();
    const c = process.cpuUsage(c0);
    ms = Math.min(ms, performance.now() - t0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000);
  }
  return { ms, cpuMs, matches };
}

/** A sink that counts the lines written to it. */
function lineCounter(): { sink: Writable; count: () => number } {
  let count = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
      done();
    },
  });
  return { sink, count: () => count };
}

const [patternsFile, eventsFile] = process.argv.slice(2) as [string, string];
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
const inputs = lines(patternsFile).map((l) => JSON.parse(l) as { pattern: string });
const set = compileIndicatorSet(inputs);

// The CLI path first, while the heap holds no parsed events: the command never holds them all.
const cli = await best(async () => {
  const { sink, count } = lineCounter();
  await matchEventLines(set, createReadStream(eventsFile), sink);
  return count();
});
// What any reader of JSONL pays before matching: the same blocks, one JSON.parse per line.
const parseOnly = await best(async () => {
  let objects = 0;
  for await (const block of eventBlocks(createReadStream(eventsFile))) {
    const text = block.text;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      objects += (JSON.parse(text.slice(start, end)) as unknown[]).length;
      start = end + 1;
    }
  }
  return objects;
});
// The library path: events already parsed in memory, as a program that holds them would have them.
const events = lines(eventsFile).map((l) => JSON.parse(l) as unknown);
const library = await best(() => {
  let n = 0;
  for (const objects of events) n += set.match(objects).length;
  return n;
});
const result: MatchCliResult = { events: events.length, cli, library, parseOnly };
process.stdout.write(`${JSON.stringify(result)}\n`);
