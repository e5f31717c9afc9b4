// The assistant's host for one open notebook: the document as the model sees it, the kernel's
// variables, the review on screen, one undo step per accepted round, and runs through the global
// queue exactly as a person's run goes.

import { unlistedVariables } from "../../ai/context/variables.js";
import type {
  AssistantHost,
  CellRunStatus,
  NotebookContext,
  Proposal,
  RunResult,
  Verdict,
} from "../../ai/contract.js";
import { conflictsOf } from "../../ai/ops/apply.js";
import type { NamespaceReply } from "../../kernel/index.js";
import type { Cell, Notebook } from "../../notebook/index.js";
import { kernelText } from "../session/kernel-link.js";
import type { NotebookSession, RunEnd } from "../session/notebook-session.js";
import { followReview } from "./follow.js";

/** How long the assistant waits for the kernel's variables (a busy worker may answer late). */
const VARIABLES_WAIT_MS = 3000;

export class SessionHost implements AssistantHost {
  /** The notebook the model was last shown: its cells are the ones an accepted round leaves alone. */
  private seen: Notebook | undefined;

  constructor(private readonly session: NotebookSession) {}

  context(): NotebookContext {
    const { notebook, cursor } = this.session.doc;
    this.seen = notebook;
    return {
      notebook,
      path: this.session.path,
      focusedCellId: notebook.cells[cursor]?.id ?? null,
      status: (cellId) => this.status(cellId),
    };
  }

  /**
   * Null when there is no live kernel, it cannot answer soon, or it is not oprel's worker (only
   * the worker lists its variables): the request goes on without.
   */
  async variables(signal: AbortSignal): Promise<NamespaceReply | string | null> {
    const link = this.session.kernel;
    const kernel = link.worker;
    const running = link.kernel && link.kernel.state !== "dead" && link.kernel.state !== "shutdown";
    if (running && !kernel && link.description)
      return unlistedVariables(kernelText(link.description));
    if (!kernel || kernel.state === "dead" || kernel.state === "shutdown") return null;
    const late = new Promise<null>((resolve) =>
      setTimeout(resolve, VARIABLES_WAIT_MS, null).unref(),
    );
    const answer = Promise.race([kernel.namespace().catch(() => null), late]);
    return untilAborted(answer, signal);
  }

  review(
    proposals: readonly Proposal[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<string, Verdict>> {
    const conflicts = roundConflicts(proposals, this.session.doc.notebook);
    const decided = this.session.assistant.openReview(proposals, conflicts, signal);
    followReview(this.session);
    return decided;
  }

  commit(next: Notebook): void {
    const notebook = keepNewerCells(next, this.seen, this.session.doc.notebook);
    this.session.dispatch({ type: "replaceCells", notebook, label: "assistant edits" });
  }

  async execute(cellId: string, signal: AbortSignal): Promise<RunResult> {
    signal.throwIfAborted();
    const session = this.session;
    const index = session.doc.notebook.cells.findIndex((cell) => cell.id === cellId);
    const phase = session.kernel.state(false);
    if (index === -1 || phase === "failed" || phase === "stopped") {
      return { status: index === -1 ? "error" : "dead", executionCount: null };
    }
    const ended = session.whenRunEnds(cellId);
    session.run([index]);
    // Esc while it runs stops the run too: the user asked for everything to stop.
    const end = await untilAborted(ended, signal, () => session.interrupt());
    return { status: runStatus(end), executionCount: end.executionCount };
  }

  private status(cellId: string): CellRunStatus {
    const run = this.session.runs.get(cellId);
    if (run) return run.phase === "running" ? "running" : "queued";
    const outcome = this.session.runs.outcome(cellId);
    const cell = this.session.doc.notebook.cells.find((candidate) => candidate.id === cellId);
    if (outcome === "ok") return "ok";
    if (outcome !== undefined && outcome !== "cancelled") return "error";
    if (cell?.cell_type !== "code" || cell.execution_count === null) return "never-run";
    return cell.outputs.some((output) => output.output_type === "error") ? "error" : "ok";
  }
}

function runStatus(end: RunEnd): RunResult["status"] {
  switch (end.status) {
    case "died":
    case "no-kernel":
      return "dead";
    default:
      return end.status;
  }
}

/**
 * Proposals whose target is gone or no longer has the source the model saw (the user changed it
 * meanwhile): src/ai's own check, without the cells this round makes (they do not exist yet).
 */
export function roundConflicts(proposals: readonly Proposal[], notebook: Notebook): Set<string> {
  const made = new Set(proposals.filter((p) => p.op.op === "add_cell").map((p) => p.cellId));
  return conflictsOf(
    notebook,
    proposals.filter((proposal) => !made.has(proposal.cellId)),
  );
}

/**
 * The accepted round was applied to the notebook the model saw; cells it left alone may have
 * changed since (a run recorded outputs). Those keep their newer version, so a commit never
 * rolls back an output.
 */
function keepNewerCells(next: Notebook, seen: Notebook | undefined, current: Notebook): Notebook {
  if (!seen || seen === current) return next;
  const seenById = new Map(seen.cells.map((cell) => [cell.id, cell]));
  const currentById = new Map(current.cells.map((cell) => [cell.id, cell]));
  const cells = next.cells.map((cell): Cell => {
    const newer = currentById.get(cell.id);
    return newer && seenById.get(cell.id) === cell ? newer : cell;
  });
  return { ...next, cells };
}

/** The promise, or a rejection with the signal's reason once it aborts (after `onAbort`). */
function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort?: () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      onAbort?.();
      reject(signal.reason);
      return;
    }
    const abort = () => {
      onAbort?.();
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
