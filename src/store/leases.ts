/**
 * Leases: which process of several on one store (ADR 0014) runs a piece of background work
 * nobody else should run at the same time, such as one peer's sync (two runs of one peer would
 * pull the same pages twice and race on its cursor and counters). A lease names its holder and
 * ends at a time the backend's own clock decides; a holder that dies loses it when it expires.
 */

/** Leases, shared by every process on the store. */
export interface LeaseStore {
  /**
   * Takes the lease `name` for `holder` for `ttlMs` from now, or renews it when `holder` already
   * has it; true when `holder` has it afterwards. False while another holder's lease runs.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once; no effect unless `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
}
