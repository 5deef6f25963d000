/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold: that commit then copies the WAL into the database and waits for two
 * fsyncs, so every few hundred commits one read's audit record or one POST pays for all of them.
 * A worker with its own connection runs PASSIVE checkpoints instead (they never block readers or
 * the writer), and the main connection's automatic checkpoint waits for a much larger WAL.
 * Durability does not change: commits still reach the WAL (and its fsync) before they return.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the worker checkpoints (a checkpoint with nothing new costs a few µs). */
const INTERVAL_MS = 200;
/** SQLite's default, restored if the worker stops for any reason. */
const AUTOMATIC_PAGES = 1000;
/** WAL frames (pages) past which the worker waits for a moment without a writer to start the WAL over. */
const RESTART_FRAMES = 2048;
/** How long that wait may last before the next tick tries again. */
const RESTART_WAIT_MS = 100;
/**
 * The main connection's own automatic checkpoint stays on at this size: should the worker fall
 * behind (a writer that never pauses), commits checkpoint themselves again and the WAL stays bounded.
 */
const FALLBACK_PAGES = 8192;

// CommonJS evaluated in the worker: no file to locate, whether the caller runs from src/ or dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.restartWaitMs);
db.pragma('synchronous = FULL');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
const timer = setInterval(() => {
  try {
    const [, frames] = Object.values(passive.get());
    // Under a steady stream of commits a passive checkpoint never catches up with the writer,
    // and the WAL only starts over once one has: past the limit, wait for a gap between commits.
    if (frames > workerData.restartFrames) restart.get();
  } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

/** A running checkpoint worker. */
export interface BackgroundCheckpoints {
  /** Stops the worker and gives checkpoints back to the main connection. */
  stop(): Promise<void>;
}

/** Starts checkpointing `path` (a WAL database file `db` has open) on a worker thread. */
export function startBackgroundCheckpoints(db: Database.Database, path: string): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      path,
      intervalMs: INTERVAL_MS,
      restartFrames: RESTART_FRAMES,
      restartWaitMs: RESTART_WAIT_MS,
    },
  });
  // Never what keeps a process alive.
  worker.unref();
  let running = true;
  const restore = () => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOMATIC_PAGES}`);
  };
  worker.once('error', restore);
  worker.once('exit', restore);
  db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  return {
    async stop() {
      if (!running) return;
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await stopped;
      restore();
      await worker.terminate();
    },
  };
}
