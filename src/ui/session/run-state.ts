// What the queue says about each cell of one notebook: waiting for the kernel, queued (and where),
// running (since when), and how its last run ended. Kept outside the document: it is not saved.

import type { DoneEvent, QueueEvent } from "../../queue/index.js";

export type CellRun =
  /** Asked to run before the kernel was ready; enqueued once it is. */
  | { phase: "waiting" }
  | { phase: "queued"; entryId: string; position: number }
  | { phase: "running"; entryId: string; startedAt: number };

export type LastOutcome = DoneEvent["status"];

export class RunState {
  private readonly runs = new Map<string, CellRun>();
  private readonly outcomes = new Map<string, LastOutcome>();

  get(cellId: string): CellRun | undefined {
    return this.runs.get(cellId);
  }

  outcome(cellId: string): LastOutcome | undefined {
    return this.outcomes.get(cellId);
  }

  /** Cells queued, waiting or running. */
  get busyCount(): number {
    return this.runs.size;
  }

  markWaiting(cellId: string): void {
    this.runs.set(cellId, { phase: "waiting" });
  }

  apply(event: QueueEvent): void {
    switch (event.type) {
      case "queued":
        this.runs.set(event.cellId, {
          phase: "queued",
          entryId: event.entryId,
          position: event.position,
        });
        break;
      case "running":
        this.runs.set(event.cellId, {
          phase: "running",
          entryId: event.entryId,
          startedAt: event.startedAt,
        });
        // Everything behind it moved up one place.
        for (const [id, run] of this.runs) {
          if (run.phase === "queued" && id !== event.cellId) {
            this.runs.set(id, { ...run, position: Math.max(0, run.position - 1) });
          }
        }
        break;
      case "done":
        // A cancelled entry whose cell was queued again meanwhile must not clear the new one.
        if (this.entryOf(event.cellId) === event.entryId) this.runs.delete(event.cellId);
        if (event.status !== "cancelled" || event.reason !== "user") {
          this.outcomes.set(event.cellId, event.status);
        }
        break;
      case "output":
        break;
    }
  }

  clearWaiting(): string[] {
    const waiting = [...this.runs].filter(([, run]) => run.phase === "waiting").map(([id]) => id);
    for (const id of waiting) this.runs.delete(id);
    return waiting;
  }

  private entryOf(cellId: string): string | undefined {
    const run = this.runs.get(cellId);
    return run && run.phase !== "waiting" ? run.entryId : undefined;
  }
}
