// The assistant's host for `oprel ai`: no person to ask, so the flags decide. Without --apply
// every proposal is shown and rejected (nothing changes); --apply accepts edits, --run also runs.
// Proposals that always need a person (shell escapes, %pip, deletions) are never accepted here.

import { Kernel, type NamespaceReply } from "../../kernel/index.js";
import { cellSource, type Notebook, NotebookDocument } from "../../notebook/index.js";
import type { TerminalWriter } from "../../terminal/writer.js";
import { unlistedVariables } from "../context/variables.js";
import type {
  AssistantHost,
  CellRunStatus,
  NotebookContext,
  Proposal,
  RunResult,
  Verdict,
} from "../contract.js";
import { CellRunner } from "./cell-runner.js";
import { fileStatus } from "./cell-status.js";
import { proposalText } from "./proposal-text.js";

export interface HeadlessOptions {
  path: string;
  apply: boolean;
  run: boolean;
  python?: string | undefined;
  kernel?: string | undefined;
  gateway?: string | undefined;
  cellTimeoutMs?: number | undefined;
  out: TerminalWriter;
}

export class HeadlessHost implements AssistantHost {
  readonly document: NotebookDocument;
  readonly runner: CellRunner | undefined;
  /** Whether any round changed the notebook (edits or run outputs): then it is saved. */
  changed = false;
  private readonly statuses = new Map<string, CellRunStatus>();
  /** Cells run in this command's kernel: it starts empty, so a cell needs those above it first. */
  private readonly ran = new Set<string>();
  private shown = 0;

  constructor(
    notebook: Notebook,
    private readonly options: HeadlessOptions,
  ) {
    this.document = new NotebookDocument(notebook);
    this.runner = options.run ? new CellRunner(this.document, options) : undefined;
  }

  context(): NotebookContext {
    return {
      notebook: this.document.snapshot(),
      path: this.options.path,
      focusedCellId: null,
      status: (id) => this.statuses.get(id) ?? fileStatus(this.document.get(id)),
    };
  }

  async variables(): Promise<NamespaceReply | string | null> {
    if (!this.runner) return null;
    const kernel = await this.runner.started();
    // Only oprel's worker answers a namespace request.
    if (kernel instanceof Kernel) return kernel.namespace();
    const language = kernel.languageInfo?.name;
    return unlistedVariables(typeof language === "string" ? language : "not oprel's worker");
  }

  async review(proposals: readonly Proposal[]): Promise<ReadonlyMap<string, Verdict>> {
    const { out } = this.options;
    const notebook = this.document.snapshot();
    const verdicts = new Map<string, Verdict>();
    for (const proposal of proposals) {
      this.shown += 1;
      out.write(`\n${proposalText(proposal, notebook, `[${this.shown}]`, out.colour)}`);
      const skip = this.skipReason(proposal);
      if (skip && this.options.apply) out.write(`  (not applied: ${skip})\n`);
      verdicts.set(proposal.key, skip ? "reject" : "accept");
    }
    return verdicts;
  }

  private skipReason(proposal: Proposal): string | null {
    if (!this.options.apply) return "without --apply nothing changes";
    if (proposal.alwaysAsk) {
      return "shell escapes, package installs and deletions need a person's accept (use the terminal UI)";
    }
    if (proposal.op.op === "exec_cell" && !this.options.run) return "runs need --run";
    return null;
  }

  commit(next: Notebook): void {
    this.document.replace(next);
    this.changed = true;
  }

  /**
   * Runs the cell in this command's fresh kernel, after the code cells above it that have not run
   * here yet (as "run all above" would): the cell's variables come from them. A failure above stops
   * there, and that failure is the result.
   */
  async execute(cellId: string, signal: AbortSignal): Promise<RunResult> {
    if (!this.runner) return { status: "cancelled", executionCount: null };
    for (const above of this.cellsToRunBefore(cellId)) {
      const result = await this.runOne(above, signal, " (above)");
      if (result.status !== "ok") return result;
    }
    return this.runOne(cellId, signal, "");
  }

  private cellsToRunBefore(cellId: string): string[] {
    const cells = this.document.snapshot().cells;
    const index = cells.findIndex((cell) => cell.id === cellId);
    return cells
      .slice(0, Math.max(0, index))
      .filter((cell) => cell.cell_type === "code" && !this.ran.has(cell.id))
      .filter((cell) => cellSource(cell).trim() !== "")
      .map((cell) => cell.id);
  }

  private async runOne(cellId: string, signal: AbortSignal, note: string): Promise<RunResult> {
    const runner = this.runner as CellRunner;
    this.options.out.write(`  running cell ${cellId}${note} ...`);
    const result = await runner.run(cellId, signal);
    this.ran.add(cellId);
    this.changed = true;
    this.statuses.set(cellId, result.status === "ok" ? "ok" : "error");
    this.options.out.write(` ${result.status}\n`);
    return result;
  }
}
