/**
 * Records that name stored versions by seq (audit rows, status records) rather than by id and
 * version: a seq names one version for good, since deleted versions keep their id and version
 * in deleted_versions and their seqs are never handed out again (VersionWriter).
 */
import type Database from 'better-sqlite3';

/** Seqs as differences from the previous one: a batch's or a page's seqs are close together. */
export function seqDeltas(seqs: readonly number[]): number[] {
  const deltas = new Array<number>(seqs.length);
  let previous = 0;
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i] as number;
    deltas[i] = seq - previous;
    previous = seq;
  }
  return deltas;
}

/** The seqs of seqDeltas. */
export function seqsOf(deltas: readonly number[]): number[] {
  let seq = 0;
  return deltas.map((d) => {
    seq += d;
    return seq;
  });
}

/** Looks up the id and version a seq names. */
export class VersionNames {
  readonly #byseq: Database.Statement;

  constructor(db: Database.Database) {
    this.#byseq = db
      .prepare(
        'SELECT stix_id, version FROM versions WHERE seq = ?' +
          ' UNION ALL SELECT stix_id, version FROM deleted_versions WHERE seq = ? LIMIT 1',
      )
      .raw();
  }

  /** [id, version] of the version `seq` names, or undefined when no version ever had it. */
  of(seq: number): readonly [id: string, version: string] | undefined {
    return this.#byseq.get(seq, seq) as [string, string] | undefined;
  }
}
