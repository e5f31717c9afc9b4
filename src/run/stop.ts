// Stopping a run early: a signal to oprel (SIGINT, SIGTERM, SIGHUP) or --fail-fast after a failure.
// Running notebooks are asked to stop (interrupt, then kill after a grace period); notebooks that
// have not started yet do not start.

import type { StopSignal } from "./signals.js";

export type StopReason = StopSignal | "fail-fast";

export class StopController {
  reason: StopReason | undefined;
  private readonly handlers = new Set<() => void>();

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  /** The first reason wins; every running notebook's handler is called once. */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    for (const handler of [...this.handlers]) handler();
  }

  /** Registers what stopping means for one running notebook; returns the unregister function. */
  onStop(handler: () => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
