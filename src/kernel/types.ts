// Public types of the kernel API (src/kernel/index.ts re-exports them).

import type { JsonObject } from "../notebook/types.js";
import type { ResolvedInterpreter } from "./interpreter.js";
import type { LanguageInfo } from "./language-info.js";
import type { CompleteReply, InspectReply, KernelEvent, RegistryRequest } from "./protocol.js";

export interface KernelOptions {
  /** The folder the worker runs in (the notebook's folder). */
  cwd: string;
  /** An explicit interpreter: a path, or a bare name looked up on PATH. */
  python?: string;
  /** Where to start looking for a .venv; defaults to cwd. */
  notebookPath?: string;
  /** Variables laid over process.env for the worker; undefined removes one. */
  env?: Record<string, string | undefined>;
  /** RLIMIT_AS for the worker (set by itself) or a Jupyter kernel (through prlimit), in bytes. */
  memoryLimitBytes?: number;
  /** Default per-cell timeout; none when unset. */
  cellTimeoutMs?: number;
  /** After an interrupt (timeout) or a polite shutdown, how long before SIGKILL. Default 2000. */
  killGraceMs?: number;
  /** How long the worker has to say `ready`. Default 30000. */
  startTimeoutMs?: number;
  /** The controller's shared registry; without one, %share and %fetch say there is none. */
  registry?: RegistryHost;
}

/** The shared registry as a kernel sees it (src/registry implements it; the kernel imports none of it). */
export interface RegistryHost {
  /** Variables the worker needs: its staging folder and the size limit. */
  workerEnv(): Record<string, string>;
  /** The answer to a worker's request; `source` is the notebook asking. Never rejects. */
  handle(request: RegistryRequest, source: string): Promise<JsonObject>;
}

export type KernelState = "idle" | "busy" | "dead" | "restarting" | "shutdown";

export interface ExecuteOptions {
  /** Default false: input() raises StdinNotImplementedError, as in headless Jupyter. */
  allowStdin?: boolean;
  silent?: boolean;
  cellId?: string;
  /** Overrides KernelOptions.cellTimeoutMs for this cell. */
  timeoutMs?: number;
}

export interface ExecuteOutcome {
  status: "ok" | "error" | "timeout" | "died";
  executionCount: number | null;
  error?: { ename: string; evalue: string; traceback: string[] };
  durationMs: number;
}

export interface DeathInfo {
  signal: string | null;
  exitCode: number | null;
  /** Plain words, e.g. "segmentation fault (SIGSEGV)". */
  reason: string;
  /** The last of what the worker wrote to its own stdout/stderr. */
  stderr: string;
}

export type KernelEventListener = (event: KernelEvent) => void;

export interface KernelInterpreter extends ResolvedInterpreter {
  /** What is actually launched: the interpreter, or the real binary behind a pyenv shim. */
  launched: string;
}

/**
 * What the queue, `oprel run` and the front ends need of a notebook's kernel: oprel's own Python
 * worker (Kernel) or a Jupyter kernel over ZeroMQ (JupyterKernel), with the same events.
 */
export interface NotebookKernel {
  state: KernelState;
  death: DeathInfo | undefined;
  /** The metadata.language_info the kernel reports, for the saved notebook; unknown before it ran. */
  readonly languageInfo: LanguageInfo | undefined;
  on(event: "dead", listener: (info: DeathInfo) => void): this;
  off(event: "dead", listener: (info: DeathInfo) => void): this;
  execute(
    code: string,
    onEvent: KernelEventListener,
    options?: ExecuteOptions,
  ): Promise<ExecuteOutcome>;
  interrupt(): void;
  answerInput(requestId: string, value: string): void;
  /** Positions are JavaScript string indices. */
  complete(code: string, cursorPos: number): Promise<CompleteReply>;
  inspect(code: string, cursorPos: number, detailLevel?: 0 | 1): Promise<InspectReply>;
  restart(): Promise<void>;
  shutdown(): Promise<void>;
  killNow(): void;
}
