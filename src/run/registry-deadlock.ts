// Under `oprel run`, a `%fetch --wait` that nothing can ever answer: every notebook holding a -j
// slot is blocked in such a wait, and no slot is free for a queued notebook that might share.
// Such a wait would only end at its timeout (minutes, typically), so it ends now, saying why.

import type { Registry } from "../registry/index.js";

export class RegistryDeadlockWatch {
  /** Notebooks holding a slot, as the registry names them (their resolved paths). */
  private readonly active = new Set<string>();
  private queued: number;

  constructor(
    private readonly registry: Registry,
    private readonly slots: number,
    notebooks: number,
  ) {
    this.queued = notebooks;
    registry.on("waiting", this.check);
  }

  enter(source: string): void {
    this.queued -= 1;
    this.active.add(source);
  }

  leave(source: string): void {
    this.active.delete(source);
    // The pool starts the next notebook right after this one ends: look once it has.
    setImmediate(this.check);
  }

  dispose(): void {
    this.registry.off("waiting", this.check);
  }

  private readonly check = (): void => {
    if (this.active.size === 0) return;
    const waiting = this.registry.waitingSources();
    for (const source of this.active) if (!waiting.has(source)) return;
    if (this.queued > 0 && this.active.size < this.slots) return;
    const why =
      this.queued > 0
        ? `every running notebook is waiting on the registry and -j ${this.slots} leaves no slot for the ${this.queued} still queued`
        : "every running notebook is waiting on the registry and no notebook is left to run";
    this.registry.abandonWaits(
      (name) =>
        `'${name}' can never be shared: ${why}. Run with -j ${this.slots + 1} or more, or run the notebook that shares '${name}' first.`,
    );
  };
}
