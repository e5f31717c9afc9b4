// One worker OS process: spawned in its own process group, fd 3 a socket pair carrying JSON lines,
// stdout/stderr kept only as a bounded tail for error messages.
// Node's own spawn, not execa: importing execa costs about 100 ms of every `oprel run` start-up
// (bench/run.ts), and nothing here needs more than spawn gives.

import { spawn } from "node:child_process";
import type { Duplex, Readable } from "node:stream";
import { encodeRequest, LineDecoder } from "./codec.js";
import type { WorkerMessage, WorkerRequest } from "./protocol.js";
import { TailBuffer } from "./tail-buffer.js";

export interface WorkerExit {
  exitCode: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (ENOENT, EACCES, ...). */
  spawnError?: string;
}

export interface WorkerSpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  onMessage: (message: WorkerMessage) => void;
  /**
   * For a process that does not watch fd 3 (a Jupyter kernel): a watchdog kills its process group
   * when this controller dies, however it dies (kill -9 included), or once the process exited.
   */
  watchdog?: boolean;
}

/** How long to wait, after the process exited, for the last bytes already sent on fd 3. */
const CHANNEL_DRAIN_MS = 500;

export class WorkerProcess {
  readonly pid: number | undefined;
  /** Resolves once the process has exited and fd 3 is drained. Never rejects. */
  readonly exited: Promise<WorkerExit>;
  private readonly output = new TailBuffer();
  private readonly channel: Duplex;
  private exitInfo: WorkerExit | undefined;

  constructor(options: WorkerSpawnOptions) {
    const child = spawn(options.file, options.args, {
      cwd: options.cwd,
      env: definedOnly(options.env),
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      detached: true,
    });
    this.pid = child.pid;
    this.channel = child.stdio[3] as Duplex;
    const stopWatchdog = options.watchdog && child.pid ? startWatchdog(child.pid) : undefined;
    const decoder = new LineDecoder(options.onMessage, (line) => {
      this.output.push(
        Buffer.from(`[oprel] unreadable message from the worker: ${line.slice(0, 200)}\n`),
      );
    });
    this.channel.on("data", (chunk: Buffer | string) => decoder.push(toBuffer(chunk)));
    this.channel.on("error", () => undefined); // EPIPE/ECONNRESET when the worker dies; exit tells us.
    for (const stream of [child.stdout, child.stderr] as Readable[]) {
      stream.on("data", (chunk: Buffer | string) => this.output.push(toBuffer(chunk)));
      stream.on("error", () => undefined);
    }

    const channelClosed = new Promise<void>((resolve) =>
      this.channel.once("close", () => resolve()),
    );
    this.exited = new Promise<WorkerExit>((resolve) => {
      child.once("error", (error: NodeJS.ErrnoException) => {
        if (child.pid === undefined || error.code === "ENOENT" || error.code === "EACCES") {
          this.exitInfo = { exitCode: null, signal: null, spawnError: error.message };
          resolve(this.exitInfo);
        }
      });
      child.once("exit", (exitCode, signal) => {
        this.exitInfo = { exitCode, signal };
        stopWatchdog?.(); // what the process started goes with it
        const drained = new Promise((r) => setTimeout(r, CHANNEL_DRAIN_MS).unref());
        void Promise.race([channelClosed, drained]).then(() => resolve({ exitCode, signal }));
      });
    });
  }

  /** True until the OS reported the process gone. */
  get running(): boolean {
    return this.exitInfo === undefined && this.pid !== undefined;
  }

  send(request: WorkerRequest): boolean {
    if (!this.running || this.channel.destroyed) return false;
    this.channel.write(encodeRequest(request));
    return true;
  }

  /** Signals the worker's whole process group (the worker and the commands it started). */
  signalGroup(signal: NodeJS.Signals): boolean {
    if (this.pid === undefined) return false;
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** The last 64 KB the worker wrote to its stdout and stderr, in arrival order. */
  printed(): string {
    return this.output.text();
  }
}

/**
 * A shell that waits for end of file on a pipe only this process writes to, then kills the
 * group: the kernel cannot outlive its controller. One `sh` (read is a builtin), a few ms.
 * Returns what ends the wait now.
 */
function startWatchdog(pgid: number): () => void {
  const watchdog = spawn(
    "/bin/sh",
    ["-c", 'read -r _; kill -9 "-$1" 2>/dev/null', "oprel-watchdog", `${pgid}`],
    {
      stdio: ["pipe", "ignore", "ignore"],
      detached: true,
    },
  );
  watchdog.on("error", () => undefined);
  watchdog.stdin?.on("error", () => undefined);
  // Neither keeps this process alive: the pipe's end is all the watchdog needs of it.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return () => watchdog.stdin?.destroy();
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}
