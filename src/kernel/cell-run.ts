// One execute request in flight: forwards its events, and turns a timeout or the worker's death
// into the error and `done` a cell shows, so every run ends with exactly one `done`.

import { limitTimer } from "./limit-timer.js";
import type { ErrorEvent, KernelEvent } from "./protocol.js";
import type { ExecuteOutcome, KernelEventListener } from "./types.js";

export class CellRun {
  private readonly startedAt = performance.now();
  private timers: NodeJS.Timeout[] = [];
  private timedOut = false;
  private timeoutErrorSent = false;
  private error: ExecuteOutcome["error"];
  private finished = false;

  constructor(
    readonly id: string,
    private readonly onEvent: KernelEventListener,
    private readonly settle: (outcome: ExecuteOutcome) => void,
    readonly timeoutMs: number | undefined,
  ) {}

  addTimer(timer: NodeJS.Timeout): void {
    this.timers.push(timer);
  }

  /**
   * Starts the time limit, if the cell has one. When it passes: `interrupt`, and if the cell still
   * runs `graceMs` later, `end` its kernel (kill it, shut it down), whose death then ends the cell
   * as a timeout. Every kernel kind times cells out this way.
   */
  startLimit(interrupt: () => void, graceMs: number, end: () => void): void {
    if (this.timeoutMs === undefined || !(this.timeoutMs > 0)) return;
    const timer = limitTimer(() => {
      if (this.finished) return;
      this.timedOut = true;
      interrupt();
      this.addTimer(setTimeout(() => this.finished || end(), graceMs));
    }, this.timeoutMs);
    if (timer) this.addTimer(timer);
  }

  /** A worker event for this request. */
  handle(event: KernelEvent): void {
    if (this.finished) return;
    if (event.type === "error") {
      // The KeyboardInterrupt a timeout causes says nothing useful; say what happened instead.
      if (this.timedOut) {
        this.sendTimeoutError();
        return;
      }
      this.error = { ename: event.ename, evalue: event.evalue, traceback: event.traceback };
    }
    if (event.type === "done") {
      if (event.error && !this.error) this.error = event.error;
      if (this.timedOut) {
        this.sendTimeoutError();
        this.finish({ ...event, status: "error" }, "timeout", event.execution_count);
      } else {
        this.finish(event, event.status, event.execution_count);
      }
      return;
    }
    this.onEvent(event);
  }

  /** The worker died (or was stopped) while this request ran. */
  workerGone(evalue: string, printed: string): void {
    if (this.finished) return;
    if (this.timedOut) this.sendTimeoutError();
    else this.sendError(errorEvent(this.id, "DeadKernelError", evalue, printed));
    const done: KernelEvent = { type: "done", id: this.id, status: "error", execution_count: null };
    this.finish(done, this.timedOut ? "timeout" : "died", null);
  }

  private sendTimeoutError(): void {
    if (this.timeoutErrorSent) return;
    this.timeoutErrorSent = true;
    const seconds = Number(((this.timeoutMs ?? 0) / 1000).toFixed(3));
    const plural = seconds === 1 ? "" : "s";
    const evalue = `Cell execution timed out after ${seconds} second${plural}`;
    this.sendError(errorEvent(this.id, "CellTimeoutError", evalue));
  }

  private sendError(error: ErrorEvent): void {
    this.error = { ename: error.ename, evalue: error.evalue, traceback: error.traceback };
    this.onEvent(error);
  }

  private finish(
    done: KernelEvent,
    status: ExecuteOutcome["status"],
    executionCount: number | null,
  ): void {
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.onEvent(done);
    this.settle({
      status,
      executionCount,
      ...(this.error ? { error: this.error } : {}),
      durationMs: performance.now() - this.startedAt,
    });
  }
}

/** A run refused because the kernel is not running: an error and a done, status "died". */
export function refusedRun(
  id: string,
  onEvent: KernelEventListener,
  evalue: string,
): ExecuteOutcome {
  let outcome: ExecuteOutcome | undefined;
  new CellRun(
    id,
    onEvent,
    (result) => {
      outcome = result;
    },
    undefined,
  ).workerGone(evalue, "");
  return outcome as ExecuteOutcome;
}

export function errorEvent(id: string, ename: string, evalue: string, printed = ""): ErrorEvent {
  const tail = printed.trimEnd().split("\n").slice(-20).filter(Boolean);
  const traceback = [`${ename}: ${evalue}`];
  if (tail.length > 0) {
    traceback.push("The worker's last words:", ...tail.map((line) => `    ${line}`));
  }
  return { type: "error", id, ename, evalue, traceback };
}
