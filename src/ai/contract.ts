// The assistant's contract with its hosts (the terminal UI and `oprel ai`): the operations the model
// may propose, what the user decides, and what the host must provide. Types only, so both front ends
// and the agent loop agree on one shape.

import type { OprelError } from "../errors.js";
import type { NamespaceReply } from "../kernel/index.js";
import type { Notebook } from "../notebook/index.js";

// ---- Operations: exactly the tool shapes the model sees (every field present, null where unused).

export interface AddCellOp {
  op: "add_cell";
  /** An existing cell id, a `ref` from earlier in the same answer, "top", or null for the end. */
  after_cell_id: string | null;
  cell_type: "code" | "markdown";
  source: string;
  /** Names the new cell so later operations in the same answer can point at it. */
  ref: string | null;
  why: string;
}
export interface EditCellOp {
  op: "edit_cell";
  cell_id: string;
  source: string;
  why: string;
}
export interface ReplaceInCellOp {
  op: "replace_in_cell";
  cell_id: string;
  /** Must occur exactly once in the cell's source. */
  old: string;
  new: string;
  why: string;
}
export interface DeleteCellOp {
  op: "delete_cell";
  cell_id: string;
  why: string;
}
export interface MoveCellOp {
  op: "move_cell";
  cell_id: string;
  /** As for add_cell: an id, a ref, "top", or null for the end. */
  after_cell_id: string | null;
  why: string;
}
export interface ExecCellOp {
  op: "exec_cell";
  cell_id: string;
  why: string;
}
/** Read-only: answered from the notebook without asking the user. */
export interface ReadCellOp {
  op: "read_cell";
  cell_id: string;
}

export type Operation =
  | AddCellOp
  | EditCellOp
  | ReplaceInCellOp
  | DeleteCellOp
  | MoveCellOp
  | ExecCellOp
  | ReadCellOp;
export type OperationName = Operation["op"];
/** The operations a user reviews (read_cell never reaches them). */
export type ReviewedOperation = Exclude<Operation, ReadCellOp>;

// ---- One round's proposals, after validation and resolution against the notebook the model saw.

export interface Proposal {
  /** Unique within the request: the tool call id, or one made up for JSON fallbacks. */
  key: string;
  op: ReviewedOperation;
  /**
   * The cell the operation acts on, resolved: an existing id, or for add_cell the id the new cell
   * will get (so a later exec_cell on its `ref` points at it).
   */
  cellId: string;
  /** The target's source when the model saw it; a different source at apply time is a conflict. */
  seenSource: string | null;
  /** Needs the user's accept even under auto-run: shell escapes, %pip, deletions. */
  alwaysAsk: boolean;
}

export type Verdict = "accept" | "reject";
export type OpStatus = "ok" | "error" | "rejected" | "conflict" | "timeout";

/** What goes back to the model as a tool result. */
export interface OpResult {
  key: string;
  status: OpStatus;
  cellId: string | null;
  executionCount?: number | null;
  /** Truncated text outputs of a run, or the error (name, value, last frames). */
  output?: string;
  /** Why it was not applied (conflict, invalid, rejected), in one sentence. */
  reason?: string;
}

// ---- The host: what the UI and the headless command each provide to the agent loop.

export type CellRunStatus = "ok" | "error" | "stale" | "queued" | "running" | "never-run";

export interface NotebookContext {
  notebook: Notebook;
  /** Shown to the model as the notebook's name. */
  path: string;
  focusedCellId: string | null;
  status(cellId: string): CellRunStatus;
}

export interface RunResult {
  status: "ok" | "error" | "cancelled" | "timeout" | "dead";
  executionCount: number | null;
}

export interface AssistantHost {
  /** The notebook as it is now: for the model's context and for conflict checks. */
  context(): NotebookContext;
  /**
   * The kernel's variables; null when there is no live kernel; a sentence when the kernel cannot
   * list them (a Jupyter kernel: only oprel's worker answers a namespace request).
   */
  variables(signal: AbortSignal): Promise<NamespaceReply | string | null>;
  /**
   * Shows one round's proposals and resolves with a verdict for each key once the user decided
   * them all (the host applies its auto-run policy, never to `alwaysAsk` proposals).
   * Rejects with an AbortError when `signal` aborts.
   */
  review(
    proposals: readonly Proposal[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<string, Verdict>>;
  /** Replaces the document with `next`: all accepted edits of one round, as one undo step. */
  commit(next: Notebook): void;
  /** Queues the cell exactly as a person's run would; resolves when it has finished. */
  execute(cellId: string, signal: AbortSignal): Promise<RunResult>;
}

export type AssistantEvent =
  | { type: "round"; round: number }
  /** Streamed reply text. */
  | { type: "text"; delta: string }
  /** A proposal parsed from the stream, shown before the round's review begins. */
  | { type: "proposal"; proposal: Proposal }
  /** An operation the model got wrong; it went back to the model as an error, never applied. */
  | { type: "invalid"; message: string }
  | { type: "results"; results: readonly OpResult[] }
  | { type: "done"; reason: StopReason }
  | { type: "error"; error: OprelError };

export type StopReason =
  | "finished"
  | "max-rounds"
  | "max-attempts"
  | "repeated-error"
  | "cancelled"
  | "failed";
