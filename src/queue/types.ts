// Public types of the global execution queue (src/queue/index.ts re-exports them).

import type { ExecuteOutcome, KernelEvent } from "../kernel/index.js";

export interface EnqueueRequest {
  notebookId: string;
  cellId: string;
  code: string;
  /** Keep running this notebook's later cells when this one fails. */
  continueOnError?: boolean;
  allowStdin?: boolean;
  timeoutMs?: number;
}

export type EntryStatus = ExecuteOutcome["status"] | "cancelled";

/** Why an entry ended without running to its own end. */
export type DoneReason = "user" | "previous-error" | "interrupt" | "kernel-died";

interface EntryRef {
  entryId: string;
  notebookId: string;
  cellId: string;
}

export type QueueEvent =
  /** position: how many of the notebook's entries run before this one (0: it runs next). */
  | ({ type: "queued"; position: number } & EntryRef)
  /** startedAt: wall-clock milliseconds since the epoch. */
  | ({ type: "running"; startedAt: number } & EntryRef)
  /** Every kernel event of the entry except its final `done`, in order. */
  | ({ type: "output"; event: KernelEvent } & EntryRef)
  | ({
      type: "done";
      status: EntryStatus;
      reason?: DoneReason;
      durationMs: number;
      executionCount: number | null;
      error?: ExecuteOutcome["error"];
    } & EntryRef);

export type DoneEvent = Extract<QueueEvent, { type: "done" }>;
