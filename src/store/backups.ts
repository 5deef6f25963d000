/** Online backups of a store (CONTRACT.md "Operations": `accord backup FILE`). */

/** What a backup wrote. */
export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
}

/** Backups taken while the node runs. */
export interface BackupStore {
  /**
   * Writes a consistent copy of the whole database to `file` while other processes go on
   * reading and writing: one snapshot, never a mix of before and after a commit. The file (mode
   * 0600) appears whole or not at all; an existing file is never overwritten (STORE_ALREADY_EXISTS).
   */
  backupTo(file: string): Promise<BackupReport>;
}
