// A notebook's kernel: one Python worker process, restartable. Runs one execute request at a
// time, delivers its events in order, and turns timeouts and deaths into plain cell errors.

import { EventEmitter } from "node:events";
import { statSync } from "node:fs";
import { OprelError } from "../errors.js";
import { log } from "../log.js";
import { CellRun, refusedRun } from "./cell-run.js";
import { toCodePoints, toUtf16 } from "./code-points.js";
import { describeExit } from "./death.js";
import { resolveInterpreterSync } from "./interpreter.js";
import { type LanguageInfo, pythonLanguageInfo } from "./language-info.js";
import { Lifetime, refusal, stopPolitely, Turns } from "./life-cycle.js";
import { workerScriptPath } from "./package-root.js";
import type {
  CompleteReply,
  InspectReply,
  NamespaceReply,
  ReadyMessage,
  RegistryRequest,
  SyntaxCheckReply,
  WorkerMessage,
  WorkerRequest,
} from "./protocol.js";
import { PROTOCOL_VERSION } from "./protocol.js";
import { launchTarget, rememberShimTarget } from "./shim.js";
import { startFailure, waitForReady } from "./start.js";
import type {
  DeathInfo,
  ExecuteOptions,
  ExecuteOutcome,
  KernelEventListener,
  KernelInterpreter,
  KernelOptions,
  KernelState,
  NotebookKernel,
} from "./types.js";
import { type Env, mergeEnv, workerEnv } from "./worker-env.js";
import { type WorkerExit, WorkerProcess } from "./worker-process.js";

const DEFAULT_KILL_GRACE_MS = 2000;
const DEFAULT_START_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 15_000;

/** Every kernel with a process running: workers and Jupyter kernels (they add themselves). */
export const liveKernels = new Set<{ killNow(): void }>();

/** SIGKILLs every kernel's process group at once; for the CLI's exit and signal handlers. */
export function killAllKernels(): void {
  for (const kernel of liveKernels) kernel.killNow();
}

interface PendingReply {
  resolve: (content: unknown) => void;
  reject: (error: Error) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface KernelEvents {
  dead: [info: DeathInfo];
  /** Diagnostics the worker sent as `log` messages. */
  log: [text: string];
}

export class Kernel extends EventEmitter<KernelEvents> implements NotebookKernel {
  state: KernelState = "restarting";
  pid = 0;
  /** Version string, e.g. "3.11.7". */
  python = "";
  /** The worker's sys.executable. */
  executable = "";
  /** The most recent death, until restart. */
  death: DeathInfo | undefined;

  private worker: WorkerProcess | undefined;
  private readyWaiter: ((message: ReadyMessage) => void) | undefined;
  private running: CellRun | undefined;
  private readonly turns = new Turns();
  private readonly lifetime = new Lifetime();
  private readonly replies = new Map<string, PendingReply>();
  private readonly expectedExits = new Map<WorkerProcess, string>();
  private killedForTimeout = false;
  private nextId = 0;

  private constructor(
    private readonly options: KernelOptions,
    private readonly env: Env,
    readonly interpreter: KernelInterpreter,
  ) {
    super();
  }

  static async start(options: KernelOptions): Promise<Kernel> {
    if (!isFolder(options.cwd)) {
      throw new OprelError(
        "KERNEL_START_FAILED",
        `The Python worker could not start: its working folder ${options.cwd} does not exist.`,
        "Pass an existing folder with --cwd.",
      );
    }
    const env = mergeEnv(options.env);
    const resolved = resolveInterpreterSync({
      cwd: options.cwd,
      python: options.python,
      notebookPath: options.notebookPath,
      env,
    });
    const kernel = new Kernel(options, env, { ...resolved, launched: resolved.path });
    await kernel.boot();
    return kernel;
  }

  /** As Jupyter records it: ipykernel's language_info, with the version of the Python that ran. */
  get languageInfo(): LanguageInfo | undefined {
    return this.python ? pythonLanguageInfo(this.python) : undefined;
  }

  get killGraceMs(): number {
    return this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }

  // ---- running code ----

  /**
   * Runs code; onEvent gets status, outputs, errors and stdin requests in order, and always ends
   * with exactly one `done`. Calls made while busy wait their turn.
   */
  execute(
    code: string,
    onEvent: KernelEventListener,
    options: ExecuteOptions = {},
  ): Promise<ExecuteOutcome> {
    return this.turns.take(() => this.runCell(code, onEvent, options));
  }

  private async runCell(
    code: string,
    onEvent: KernelEventListener,
    options: ExecuteOptions,
  ): Promise<ExecuteOutcome> {
    await this.lifetime.settled();
    const id = this.newId("x");
    if (this.state !== "idle" || !this.worker)
      return refusedRun(id, onEvent, refusal(this.state, this.death));
    const worker = this.worker;
    return new Promise<ExecuteOutcome>((settle) => {
      const timeoutMs = options.timeoutMs ?? this.options.cellTimeoutMs;
      const cell = new CellRun(
        id,
        onEvent,
        (outcome) => {
          if (this.running === cell) this.running = undefined;
          if (this.state === "busy") this.state = "idle";
          settle(outcome);
        },
        timeoutMs,
      );
      this.running = cell;
      this.state = "busy";
      worker.send({
        type: "execute",
        id,
        code,
        silent: options.silent ?? false,
        allow_stdin: options.allowStdin ?? false,
        ...(options.cellId === undefined ? {} : { cell_id: options.cellId }),
      });
      cell.startLimit(
        () => this.interruptCell(cell, worker),
        this.killGraceMs,
        () => {
          this.killedForTimeout = true;
          worker.signalGroup("SIGKILL");
        },
      );
    });
  }

  /** Sends SIGINT to the worker's process group; a running cell gets KeyboardInterrupt. */
  interrupt(): void {
    const worker = this.worker;
    if (!worker) return;
    if (this.running) this.interruptCell(this.running, worker);
    else worker.signalGroup("SIGINT");
  }

  /** The notice first: it names the cell, so a signal that lands before its code starts counts. */
  private interruptCell(cell: CellRun, worker: WorkerProcess): void {
    worker.send({ type: "interrupt", id: cell.id });
    worker.signalGroup("SIGINT");
  }

  /** Answers the stdin_request of the execute request `requestId` (the event's id). */
  answerInput(requestId: string, value: string): void {
    this.send({ type: "input_reply", id: requestId, value });
  }

  // ---- questions answered while code runs ----

  /** Positions in and out are JavaScript string indices; the worker's code points are converted. */
  async complete(code: string, cursorPos: number): Promise<CompleteReply> {
    const reply = await this.request<CompleteReply>({
      type: "complete",
      code,
      cursor_pos: toCodePoints(code, cursorPos),
    });
    return {
      ...reply,
      cursor_start: toUtf16(code, reply.cursor_start),
      cursor_end: toUtf16(code, reply.cursor_end),
    };
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1 = 0): Promise<InspectReply> {
    return this.request<InspectReply>({
      type: "inspect",
      code,
      cursor_pos: toCodePoints(code, cursorPos),
      detail_level: detailLevel,
    });
  }

  namespace(): Promise<NamespaceReply> {
    return this.request<NamespaceReply>({ type: "namespace" });
  }

  checkSyntax(code: string): Promise<SyntaxCheckReply> {
    return this.request<SyntaxCheckReply>({ type: "check_syntax", code });
  }

  private request<T>(request: DistributiveOmit<WorkerRequest, "id">): Promise<T> {
    const id = this.newId("q");
    return new Promise<T>((resolve, reject) => {
      if (!this.worker?.running || this.state === "dead" || this.state === "shutdown") {
        reject(this.deadError());
        return;
      }
      // A worker that never answers (a bug, or C code holding the GIL) must not hang the caller.
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(
          new Error(
            `The kernel did not answer a ${request.type} request within ${REPLY_TIMEOUT_MS / 1000} s.`,
          ),
        );
      }, REPLY_TIMEOUT_MS);
      this.replies.set(id, {
        resolve: (content) => {
          clearTimeout(timer);
          resolve(content as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.send({ ...request, id } as WorkerRequest);
    });
  }

  private deadError(): OprelError {
    return new OprelError(
      "KERNEL_DEAD",
      this.state === "shutdown"
        ? "The kernel was shut down."
        : `The kernel is not running (${this.death?.reason ?? "restarting"}).`,
      "Restart the kernel.",
    );
  }

  // ---- life cycle ----

  /** Stops the worker and starts a fresh one with the same interpreter: empty namespace, count 0. */
  restart(): Promise<void> {
    if (this.state === "shutdown") return Promise.reject(this.deadError());
    return this.lifetime.restart(async () => {
      this.state = "restarting";
      await this.stopWorker("The kernel was restarted.");
      await this.boot();
    });
  }

  /** Asks the worker to exit, kills its process group after the grace period. Idempotent. */
  shutdown(): Promise<void> {
    return this.lifetime.shutdown(async () => {
      await this.stopWorker("The kernel was shut down.");
      this.state = "shutdown";
    });
  }

  /** Synchronous SIGKILL of the worker's process group (for process exit). */
  killNow(): void {
    const worker = this.worker;
    if (!worker) return;
    this.expectedExits.set(worker, "The kernel was stopped.");
    worker.signalGroup("SIGKILL");
    liveKernels.delete(this);
    this.state = "shutdown";
  }

  private async stopWorker(reason: string): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.expectedExits.set(worker, reason);
    await stopPolitely(
      worker.running,
      worker.exited,
      () => worker.send({ type: "shutdown", id: this.newId("s") }),
      () => worker.signalGroup("SIGKILL"),
      this.killGraceMs,
    );
    // Reap what the worker started (`!cmd &`) and left behind in its group.
    worker.signalGroup("SIGKILL");
  }

  private async boot(): Promise<void> {
    const launch = launchTarget(this.interpreter.path, this.options.cwd, this.env);
    this.interpreter.launched = launch.file;
    const worker = new WorkerProcess({
      file: launch.file,
      args: ["-X", "utf8", "-u", workerScriptPath()],
      cwd: this.options.cwd,
      env: workerEnv(launch.env, this.options),
      onMessage: (message) => this.onMessage(worker, message),
    });
    this.worker = worker;
    this.killedForTimeout = false;
    liveKernels.add(this);
    const ready = new Promise<ReadyMessage>((resolve) => {
      this.readyWaiter = resolve;
    });
    const outcome = await waitForReady(
      worker,
      ready,
      this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
    this.readyWaiter = undefined;
    if (outcome.kind !== "ready" || outcome.message.protocol !== PROTOCOL_VERSION) {
      this.expectedExits.set(worker, "The kernel failed to start.");
      worker.signalGroup("SIGKILL");
      liveKernels.delete(this);
      this.state = "dead";
      if (outcome.kind === "ready") {
        await worker.exited;
        throw startFailure(
          this.interpreter.path,
          `it speaks protocol ${outcome.message.protocol}, oprel expects ${PROTOCOL_VERSION}`,
          worker.printed(),
        );
      }
      if (outcome.kind === "timeout") await worker.exited;
      throw startFailure(this.interpreter.path, outcome.why, worker.printed());
    }
    const message = outcome.message;
    this.pid = message.pid;
    this.python = message.python;
    this.executable = message.executable;
    rememberShimTarget(this.interpreter.path, this.options.cwd, this.env, message.executable);
    log("kernel", `worker ${message.pid} ready: ${message.executable} (Python ${message.python})`);
    this.death = undefined;
    this.state = "idle";
    void worker.exited.then((exit) => this.onExit(worker, exit));
  }

  private onMessage(worker: WorkerProcess, message: WorkerMessage): void {
    if (worker !== this.worker) return;
    switch (message.type) {
      case "ready":
        this.readyWaiter?.(message);
        return;
      case "reply": {
        const pending = this.replies.get(message.id);
        this.replies.delete(message.id);
        pending?.resolve(message.content);
        return;
      }
      case "registry":
        this.answerRegistry(worker, message);
        return;
      case "log":
        log("worker", message.text);
        this.emit("log", message.text);
        return;
      default: {
        const cell = this.running;
        if (cell && message.id === cell.id) cell.handle(message);
      }
    }
  }

  /** Registry requests come from a running cell; the answer goes back to the worker that asked. */
  private answerRegistry(worker: WorkerProcess, request: RegistryRequest): void {
    const host = this.options.registry;
    const source = this.options.notebookPath ?? this.options.cwd;
    const answer = host
      ? host.handle(request, source)
      : Promise.resolve({ error: "There is no shared registry in this session." });
    void answer.then((content) => {
      worker.send({ type: "registry_reply", id: request.id, content });
    });
  }

  private onExit(worker: WorkerProcess, exit: WorkerExit): void {
    if (worker !== this.worker) return;
    liveKernels.delete(this);
    const expected = this.expectedExits.get(worker);
    this.expectedExits.delete(worker);
    const reason = this.killedForTimeout
      ? "killed (SIGKILL) after the cell timed out and ignored the interrupt"
      : describeExit(exit.exitCode, exit.signal);
    const info: DeathInfo = {
      signal: exit.signal,
      exitCode: exit.exitCode,
      reason,
      stderr: worker.printed(),
    };
    for (const pending of this.replies.values())
      pending.reject(this.deadErrorFor(expected ?? reason));
    this.replies.clear();
    this.running?.workerGone(expected ?? `The kernel died: ${reason}`, info.stderr);
    if (expected) return;
    // Commands the worker started (`!cmd &`) die with it.
    worker.signalGroup("SIGKILL");
    log("kernel", `worker ${worker.pid} died: ${reason}\n${info.stderr}`);
    this.death = info;
    this.state = "dead";
    this.emit("dead", info);
  }

  private deadErrorFor(reason: string): OprelError {
    return new OprelError("KERNEL_DEAD", `The kernel stopped: ${reason}`, "Restart the kernel.");
  }

  private send(request: WorkerRequest): void {
    this.worker?.send(request);
  }

  private newId(prefix: string): string {
    this.nextId += 1;
    return `${prefix}${this.nextId}`;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
