// Durability without blocking the event loop (DESIGN.md, "Facts measured").
//
// libSQL runs statements synchronously on the calling thread. With `synchronous=FULL`, SQLite
// fsyncs the WAL inside COMMIT, so every commit stopped the whole service for as long as the disk
// took: 0.5 ms on a quiet disk, 15–97 ms on a shared one, and a steady 50 intakes a second queued
// up behind those stalls (p99 in seconds). The write connection now runs `synchronous=NORMAL`,
// where COMMIT writes the WAL frames without syncing them, and a write resolves only after
// `fsync` of the WAL file has returned on libuv's thread pool. That is FULL's guarantee (the
// commit's frames are on disk before anyone is told "committed"), paid off the event loop, and one
// fsync serves every commit made before it started.
//
// What NORMAL still syncs itself: the WAL header when the log restarts after a checkpoint, and the
// checkpoints. Checkpoints copy the WAL into the database file (two fsyncs and many page writes);
// SQLite's automatic ones would run inside a COMMIT on the event loop, so the write connection
// turns them off and a worker thread with a connection of its own runs them (PASSIVE: it never
// blocks a writer), every few seconds while the service writes.
import { type FileHandle, open } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { LIBSQL_PATH } from "./libsql-path.js";

/** Makes a file's written data durable (a test's wrapper; services keep one handle open). */
export type SyncFile = (path: string) => Promise<void>;

/** fsync(2) on libuv's thread pool, through a handle of its own. A missing WAL was checkpointed and removed: nothing to sync. */
export const fsyncFile: SyncFile = async (path) => {
  const kept = keptFileSync(path);
  try {
    await kept.sync();
  } finally {
    kept.close();
  }
};

/**
 * fsync(2) of one file through a handle kept open (opening and closing it for every sync cost
 * ~0.5 ms of the event loop's time per commit in the intake profile). Safe to keep: SQLite removes
 * the WAL only when the last connection to the database closes, and the write connection stays
 * open as long as this does.
 */
function keptFileSync(path: string): { sync: () => Promise<void>; close(): void } {
  let handle: Promise<FileHandle> | undefined;
  return {
    async sync() {
      handle ??= open(path, "r");
      let file: FileHandle;
      try {
        file = await handle;
      } catch (error) {
        handle = undefined;
        if ((error as { code?: string }).code === "ENOENT") return;
        throw error;
      }
      try {
        await file.sync();
      } catch (error) {
        // After a failed fsync the kernel may have dropped the dirty pages: start afresh.
        handle = undefined;
        void file.close().catch(() => undefined);
        throw error;
      }
    },
    close() {
      void handle?.then((file) => file.close()).catch(() => undefined);
      handle = undefined;
    },
  };
}

/**
 * `sync()` resolves once everything committed before the call is on disk. Calls that arrive while
 * an fsync is running share the next one (it must start after their commit to cover it), so a
 * burst of commits costs at most two fsyncs.
 */
export function walSyncer(walPath: string, syncFile?: SyncFile): { sync(): Promise<void>; close(): void } {
  const kept = syncFile ? undefined : keptFileSync(walPath);
  const syncOnce = syncFile ? () => syncFile(walPath) : kept!.sync;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const done = syncOnce().finally(() => {
      if (running === done) running = undefined;
    });
    running = done;
    return done;
  };
  return {
    sync() {
      if (!running) return start();
      if (!next) {
        next = running
          .catch(() => undefined)
          .then(() => {
            next = undefined;
            return start();
          });
      }
      return next;
    },
    close() {
      kept?.close();
    },
  };
}

/**
 * How often the checkpointer runs while commits come in, and after how many commits at most.
 * Each checkpoint that copies the whole WAL lets the next commit restart the log, and that restart
 * syncs the WAL header on the event loop: seconds apart, it is one stall among thousands of writes.
 *
 * The `everyMs` clock starts only once `leastCommits` have come in since the last checkpoint: a
 * handful of commits (a service's seeds at start, a few referrals an hour) is no reason to start a
 * thread of ~10 MiB; they wait in the WAL for `everyCommits` (SQLite's own autocheckpoint also
 * lets 1,000 pages gather) or for the last connection's close, which checkpoints.
 */
export interface CheckpointPace {
  everyMs: number;
  everyCommits: number;
  leastCommits: number;
}
const PACE: CheckpointPace = { everyMs: 5_000, everyCommits: 1_000, leastCommits: 100 };
/** A checkpointer with nothing to do for this long ends its thread (~10 MiB) until writes resume. */
const IDLE_THREAD_MS = 30_000;

// The worker's code: CommonJS run with `eval`, so it needs no module of its own beside a service's
// bundle; libsql is loaded by the path the main thread resolved (the same native library, whose
// SQLite shares its file locks across the process's threads).
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.path, { timeout: workerData.timeoutMs });
db.exec("PRAGMA synchronous = NORMAL");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").raw(true);
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [[busy, log, copied]] = checkpoint.all();
    parentPort.postMessage({ busy, log, copied });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});
`;

export interface Checkpointer {
  /** Called after every commit of the write connection. */
  committed(): void;
  close(): void;
}

/**
 * Runs PASSIVE checkpoints of `path` on a worker thread, started at the first checkpoint due (an
 * idle service holds no second thread).
 */
export function checkpointer(
  path: string,
  options: { timeoutMs: number; pace?: Partial<CheckpointPace> },
): Checkpointer {
  const pace = { ...PACE, ...options.pace };
  let worker: Worker | undefined;
  let commits = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let closed = false;
  let idle: ReturnType<typeof setTimeout> | undefined;

  function endThread(): void {
    idle = undefined;
    if (inFlight) return;
    worker?.postMessage("close");
    worker = undefined;
  }

  function run(): void {
    clearTimeout(timer);
    timer = undefined;
    clearTimeout(idle);
    idle = undefined;
    if (closed || inFlight || commits === 0) return;
    commits = 0;
    inFlight = true;
    worker ??= startWorker();
    worker.postMessage("checkpoint");
  }

  function startWorker(): Worker {
    const started = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: { libsql: LIBSQL_PATH, path, timeoutMs: options.timeoutMs },
    });
    started.unref();
    // A checkpoint that fails (busy, disk fault) is retried at the next one; the WAL only grows.
    started.on("message", () => {
      inFlight = false;
      if (commits >= pace.everyCommits) run();
      else if (!closed && !idle) {
        idle = setTimeout(endThread, IDLE_THREAD_MS);
        idle.unref();
      }
    });
    started.on("error", () => {
      inFlight = false;
      worker = undefined;
    });
    return started;
  }

  return {
    committed() {
      if (closed) return;
      commits += 1;
      if (commits >= pace.everyCommits) run();
      else if (!timer && commits >= pace.leastCommits) {
        timer = setTimeout(run, pace.everyMs);
        timer.unref();
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(idle);
      worker?.postMessage("close");
      worker = undefined;
    },
  };
}
