// One notebook's kernel as the UI sees it: chosen from the notebook's kernelspec (or --kernel) and
// started in the background (the first paint never waits for it, not even for the kernelspec
// lookup on disk), added to the global queue when ready, and described for the status line.
// A kernelspec that is not installed leaves the link "missing" until the user picks a kernel.

import { dirname } from "node:path";
import { OprelError } from "../../errors.js";
import {
  chooseKernel,
  type DeathInfo,
  describeKernel,
  Kernel,
  type KernelChoice,
  type KernelDescription,
  KernelNotInstalledError,
  type NotebookKernel,
  type RegistryHost,
  startKernel,
} from "../../kernel/index.js";
import { log } from "../../log.js";
import type { JsonObject } from "../../notebook/types.js";
import type { ExecutionQueue } from "../../queue/index.js";

export type KernelPhase =
  | "starting"
  | "idle"
  | "busy"
  | "dead"
  | "restarting"
  | "failed"
  | "missing"
  | "stopped";

export interface KernelLinkOptions {
  notebookId: string;
  path: string;
  queue: ExecutionQueue;
  /** The notebook's metadata.kernelspec when it was opened. */
  kernelspec: JsonObject | undefined;
  /** --kernel NAME: overrides the notebook's kernelspec. */
  kernelName?: string;
  /** --gateway URL: the kernel runs on that Jupyter server (else OPREL_GATEWAY_URL's, if set). */
  gateway?: string;
  python?: string;
  registry?: RegistryHost;
  onChange: () => void;
  /** The kernel is in the queue (or could not start: undefined). */
  onReady: (kernel: NotebookKernel | undefined) => void;
  /** The notebook's kernel is not installed: the user should pick one. */
  onMissing?: () => void;
}

/** "R · ir", "Python · oprel worker", "Python · python3 @ gateway.example.org". */
export function kernelText({ language, name, host }: KernelDescription): string {
  return `${language} · ${name}${host ? ` @ ${host}` : ""}`;
}

export class KernelLink {
  kernel: NotebookKernel | undefined;
  /** The kernel chosen (known once the kernelspecs were looked up). */
  choice: KernelChoice | undefined;
  /** Why the kernel could not start, or how it died: one sentence with a hint. */
  problem: string | undefined;
  private phase: "starting" | "ready" | "failed" | "missing" | "stopped" = "starting";
  /** Bumped on every switch, so a start that a later pick overtook stops its own kernel. */
  private generation = 0;

  constructor(private readonly options: KernelLinkOptions) {
    // After this turn of the event loop: the kernelspec lookup reads the disk.
    setImmediate(() => this.choose());
  }

  /** The notebook names a kernel that is not installed (`problem` says which, and which are). */
  get missing(): boolean {
    return this.phase === "missing";
  }

  /** No kernel is coming: it is not installed, or it could not start. */
  get settled(): boolean {
    return this.phase === "missing" || this.phase === "failed";
  }

  /** The worker, when that is the kernel: the registry and the syntax check need it. */
  get worker(): Kernel | undefined {
    return this.kernel instanceof Kernel ? this.kernel : undefined;
  }

  /** "R · ir", "Python · oprel worker"; undefined until the kernel is chosen. */
  get description(): KernelDescription | undefined {
    return this.choice && describeKernel(this.choice);
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

  private choose(): void {
    if (this.phase === "stopped") return;
    const { kernelspec, kernelName, gateway, path } = this.options;
    try {
      this.choice = chooseKernel(kernelspec, kernelName, process.env, gateway);
    } catch (error) {
      const missing = error instanceof KernelNotInstalledError;
      this.phase = missing ? "missing" : "failed";
      if (missing) this.problem = `${error.message} Press Shift+C to pick one.`;
      else if (error instanceof OprelError) this.problem = error.format();
      else this.problem = `The kernel could not be chosen: ${String(error)}`;
      log("ui", `no kernel for ${path}: ${String(error)}`);
      this.options.onChange();
      this.options.onReady(undefined);
      if (missing) this.options.onMissing?.();
      return;
    }
    void this.start(this.choice, this.generation);
  }

  private async start(choice: KernelChoice, generation: number): Promise<void> {
    const { path, queue, notebookId, python, registry, onChange } = this.options;
    const current = () => generation === this.generation && this.phase !== "stopped";
    this.phase = "starting";
    onChange();
    let kernel: NotebookKernel;
    try {
      kernel = await startKernel(choice, {
        cwd: dirname(path),
        notebookPath: path,
        python,
        registry,
      });
    } catch (error) {
      if (!current()) return;
      this.phase = "failed";
      this.problem =
        error instanceof OprelError
          ? error.format()
          : `The kernel could not start: ${String(error)}`;
      log("ui", `kernel of ${path} failed to start: ${String(error)}`);
      onChange();
      this.options.onReady(undefined);
      return;
    }
    if (!current()) {
      await kernel.shutdown().catch(() => undefined);
      return;
    }
    kernel.on("dead", (info: DeathInfo) => {
      if (this.kernel !== kernel) return;
      this.problem = `The kernel died: ${info.reason}.`;
      log("ui", `kernel of ${path} died: ${info.reason}`);
      onChange();
    });
    if (kernel instanceof Kernel) kernel.on("log", (text) => log("kernel", text));
    queue.addNotebook(notebookId, kernel);
    this.kernel = kernel;
    this.phase = "ready";
    onChange();
    this.options.onReady(kernel);
  }

  /** Stops the kernel running now (if any) and starts the one picked instead. */
  async switchTo(choice: KernelChoice): Promise<void> {
    if (this.phase === "stopped") return;
    const old = this.kernel;
    this.generation += 1;
    this.leaveQueue();
    this.kernel = undefined;
    this.choice = choice;
    this.problem = undefined;
    const started = this.start(choice, this.generation);
    await old?.shutdown().catch(() => undefined);
    await started;
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

  /** Stops the kernel; the notebook leaves the queue (its waiting cells are cancelled). */
  async stop(): Promise<void> {
    this.leaveQueue();
    this.phase = "stopped";
    await this.kernel?.shutdown().catch(() => undefined);
  }

  private leaveQueue(): void {
    if (this.phase === "ready") this.options.queue.removeNotebook(this.options.notebookId);
  }
}
