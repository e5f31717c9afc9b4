// One notebook's kernel as the UI sees it: started in the background (the first paint never
// waits for it), added to the global queue when ready, and described in plain words for the
// status line.

import { dirname } from "node:path";
import { OprelError } from "../../errors.js";
import { type DeathInfo, Kernel, type RegistryHost } from "../../kernel/index.js";
import { log } from "../../log.js";
import type { ExecutionQueue } from "../../queue/index.js";

export type KernelPhase =
  | "starting"
  | "idle"
  | "busy"
  | "dead"
  | "restarting"
  | "failed"
  | "stopped";

export interface KernelLinkOptions {
  notebookId: string;
  path: string;
  queue: ExecutionQueue;
  python?: string;
  registry?: RegistryHost;
  onChange: () => void;
}

export class KernelLink {
  kernel: Kernel | undefined;
  /** Why the kernel could not start, or how it died: one sentence with a hint. */
  problem: string | undefined;
  private phase: "starting" | "ready" | "failed" | "stopped" = "starting";
  private readonly ready: Promise<Kernel | undefined>;

  constructor(private readonly options: KernelLinkOptions) {
    this.ready = this.start();
  }

  /** Resolves with the kernel once it is in the queue, or undefined if it could not start. */
  whenReady(): Promise<Kernel | undefined> {
    return this.ready;
  }

  state(busy: boolean): KernelPhase {
    if (this.phase !== "ready" || !this.kernel)
      return this.phase === "ready" ? "starting" : this.phase;
    const state = this.kernel.state;
    if (state === "dead") return "dead";
    if (state === "restarting") return "restarting";
    if (state === "shutdown") return "stopped";
    return busy ? "busy" : "idle";
  }

  private async start(): Promise<Kernel | undefined> {
    const { path, queue, notebookId, python, registry, onChange } = this.options;
    try {
      const kernel = await Kernel.start({
        cwd: dirname(path),
        notebookPath: path,
        python,
        registry,
      });
      if (this.phase === "stopped") {
        await kernel.shutdown();
        return undefined;
      }
      kernel.on("dead", (info: DeathInfo) => {
        this.problem = `The kernel died: ${info.reason}.`;
        log("ui", `kernel of ${path} died: ${info.reason}`);
        onChange();
      });
      kernel.on("log", (text) => log("kernel", text));
      queue.addNotebook(notebookId, kernel);
      this.kernel = kernel;
      this.phase = "ready";
      onChange();
      return kernel;
    } catch (error) {
      this.phase = "failed";
      this.problem =
        error instanceof OprelError
          ? error.format()
          : `The kernel could not start: ${String(error)}`;
      log("ui", `kernel of ${path} failed to start: ${String(error)}`);
      onChange();
      return undefined;
    }
  }

  async restart(): Promise<void> {
    const kernel = this.kernel;
    if (!kernel) return;
    this.problem = undefined;
    const done = kernel.restart();
    this.options.onChange();
    await done.catch((error: unknown) => {
      this.problem = `The kernel could not restart: ${String(error)}`;
    });
    this.options.onChange();
  }

  /** Stops the worker; the notebook leaves the queue (its waiting cells are cancelled). */
  async stop(): Promise<void> {
    const wasReady = this.phase === "ready";
    this.phase = "stopped";
    if (wasReady) this.options.queue.removeNotebook(this.options.notebookId);
    await this.kernel?.shutdown().catch(() => undefined);
  }
}
