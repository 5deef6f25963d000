/**
 * bench/taxii's client of `accord serve`, in a process of its own (a fresh heap, so that the
 * collector's work for earlier phases does not land on the timed pages): pages the whole
 * collection through TAXII GET objects (limit 1000, next) after untimed warm-up pages, each page
 * in turn with one page of the raw read of the same rows in the node's file, then times
 * `match[id]` GETs. Prints a JSON PagingResult on stdout.
 */
import Database from 'better-sqlite3';
import { CPU_CLOCK, clockMs, processCpuMs } from './bench-clock.js';
import { countOf, getBytes, keepAlive, nextOf } from './lean-http-client.js';
import { idOf } from './taxii-objects.js';

interface Args {
  readonly url: string;
  readonly collection: string;
  readonly db: string;
  readonly total: number;
  readonly headers: Record<string, string>;
  /** The server's pid: with BENCH_CLOCK=cpu a page costs the server's CPU time and the client's. */
  readonly serverPid: number;
}

const PATTERN_KEY = Buffer.from('"pattern":');
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

/**
 * The raw baseline's read (the same statement, object rows, pages of 1000) over the node's own
 * database file, one timed page per call.
 */
function rawPager(file: string, collection: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const page = db.prepare(
    'SELECT seq, date_added, json FROM versions WHERE collection = ? AND (date_added, seq) > (?, ?) ORDER BY date_added, seq LIMIT 1000',
  );
  let last = { date_added: -1, seq: -1 };
  let rows = 0;
  let ms = 0;
  return {
    /** Reads the next page; returns how many rows it had. */
    page(): number {
      const started = clockMs();
      const got = page.all(collection, last.date_added, last.seq) as { seq: number; date_added: number }[];
      ms += clockMs() - started;
      if (got.length > 0) last = got[got.length - 1] as typeof last;
      rows += got.length;
      return got.length;
    },
    rows: () => rows,
    ms: () => ms,
    close: () => db.close(),
  };
}
const WARM_UP_PAGES = 50;
const PASSES = 3;

async function main(args: Args): Promise<void> {
  const { url, collection: big, headers, total: TOTAL } = args;
  const pageUrl = (next: string | undefined) =>
    `${url}/taxii2/api/collections/${big}/objects/?limit=1000${next ? `&next=${encodeURIComponent(next)}` : ''}`;
  // Warm-up, untimed: the first pages of a fresh server run before the JIT has compiled the
  // read path (the raw baseline runs warm, in the process that just inserted the rows).
  let warm: string | undefined;
  for (let i = 0; i < WARM_UP_PAGES; i++) {
    warm = nextOf(await getBytes(pageUrl(warm), headers));
    if (!warm) break;
  }
  // Each TAXII page alternates with one page of the raw read of the same rows in the node's own
  // file (first one, then the other), so that both meet the same page-cache state: on a VM
  // that pages out cold file pages, a file written minutes ago reads slower than raw.db, which
  // was read right after it was written.
  const pass = async (): Promise<{ pageRate: number; rawSameRate: number }> => {
    const rawSame = rawPager(args.db, big);
    let httpMs = 0;
    let seen = 0;
    let next: string | undefined;
    let page = 0;
    const serverBefore = CPU_CLOCK ? processCpuMs(args.serverPid) : 0;
    const httpPage = async () => {
      const started = clockMs();
      // A lean client (keep-alive node:http, bytes not decoded or parsed) so that the figure is
      // the server's rate; the envelope puts `more`/`next` first.
      const body = await getBytes(pageUrl(next), headers);
      next = nextOf(body);
      httpMs += clockMs() - started;
      // The bench's own check, off the clock (counting a page's objects costs about a tenth of
      // fetching it): every object of this collection has exactly one "pattern".
      if (seen === 0) JSON.parse(body.toString()); // the first page at least is a well-formed envelope
      seen += countOf(body, PATTERN_KEY);
    };
    do {
      if (page++ % 2 === 0) {
        rawSame.page();
        await httpPage();
      } else {
        await httpPage();
        rawSame.page();
      }
    } while (next);
    // The server works only on this pass's TAXII pages.
    if (CPU_CLOCK) httpMs += processCpuMs(args.serverPid) - serverBefore;
    while (rawSame.page() > 0);
    rawSame.close();
    if (seen !== TOTAL) throw new Error(`paging saw ${seen} of ${TOTAL}`);
    return { pageRate: rate(seen, httpMs), rawSameRate: rate(rawSame.rows(), rawSame.ms()) };
  };
  // Several passes, each side keeping its best (as bench/policy does): the machine's noise
  // moves single passes by a fifth either way.
  let pageRate = 0;
  let rawSameRate = 0;
  for (let i = 0; i < PASSES; i++) {
    const p = await pass();
    pageRate = Math.max(pageRate, p.pageRate);
    rawSameRate = Math.max(rawSameRate, p.rawSameRate);
  }

  const latencies: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const id = idOf(Math.floor(Math.random() * TOTAL));
    const s = performance.now();
    await getBytes(`${url}/taxii2/api/collections/${big}/objects/?match[id]=${id}`, headers);
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  process.stdout.write(JSON.stringify({ pageRate, rawSameRate, p50: pct(0.5), p99: pct(0.99) }));
}

try {
  await main(JSON.parse(process.argv[2] ?? '{}') as Args);
} finally {
  keepAlive.destroy();
}
