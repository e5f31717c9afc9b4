// One notebook's run: start its kernel, queue its code cells on the global queue, record every
// output and status in the notebook, stop where the error mode says, save, and say how it went.

import { resolve } from "node:path";
import { isOprelError, OprelError } from "../errors.js";
import {
  type ExecuteOutcome,
  limitTimer,
  type NotebookKernel,
  type RegistryHost,
  startKernel,
} from "../kernel/index.js";
import {
  cellSource,
  formatSize,
  NotebookDocument,
  OutputRecorder,
  saveNotebook,
  withFields,
} from "../notebook/index.js";
import type { CodeCell, ErrorOutput, JsonObject, Notebook } from "../notebook/types.js";
import type { ExecutionQueue, QueueEvent } from "../queue/index.js";
import { withErrorMarkers } from "./banner.js";
import { type CellTiming, type PapermillStatus, withExecutionRecord } from "./cell-metadata.js";
import { cellVerdict, notebookTimeoutError } from "./cell-verdict.js";
import { EXIT } from "./exit-codes.js";
import { logText } from "./log-text.js";
import type { RunOptions } from "./options.js";
import { exitCodeOf, worseOutcome } from "./outcomes.js";
import type { Reporter } from "./output/reporter.js";
import type { PreparedNotebook } from "./prepare.js";
import { repairOutputs } from "./repair-outputs.js";
import type { CellError, CellResult, NotebookOutcome, NotebookResult } from "./results.js";
import type { StopController } from "./stop.js";
import { hasTag, TAG } from "./tags.js";

export interface RunContext {
  queue: ExecutionQueue;
  reporter: Reporter;
  options: RunOptions;
  stop: StopController;
  /** Kernel shutdowns still under way; the command waits for them before it exits. */
  shutdowns: Promise<void>[];
  /** The one shared registry of the run: every notebook's %share and %fetch go to it. */
  registry?: RegistryHost;
}

/** papermill saves long runs now and then; so does oprel, between cells. */
const AUTOSAVE_MS = 30_000;
/** How long an interrupted cell (notebook timeout, signal, --fail-fast) has before its kernel is killed. */
const STOP_GRACE_MS = 2000;

interface PlannedCell {
  index: number;
  id: string;
  source: string;
  expectRaise: boolean;
  result: CellResult;
  timing: CellTiming;
}

export async function runNotebook(
  prep: PreparedNotebook,
  key: string,
  ctx: RunContext,
): Promise<NotebookResult> {
  return new NotebookRun(prep, key, ctx).run();
}

class NotebookRun {
  /** The notebook as it runs: one cell changes at a time, found by id. */
  private readonly document: NotebookDocument;
  /** Records kernel events into the document (the same recorder the UI uses). */
  private readonly recorder: OutputRecorder;
  private readonly planned: PlannedCell[] = [];
  private readonly byId = new Map<string, PlannedCell>();
  private readonly results: CellResult[] = [];
  private outcome: NotebookOutcome = "passed";
  private failure: NotebookResult["failure"];
  private readonly startedWall = Date.now();
  private readonly startedAt = performance.now();
  private lastSave = performance.now();
  private saving: Promise<void> = Promise.resolve();
  private disk;
  private timedOut = false;
  private stopping = false;
  private stopTimer: NodeJS.Timeout | undefined;
  private position = 0;
  private kernel: NotebookKernel | undefined;
  private readonly warnings: string[];
  private exitCode = 0;
  private savedTo: string | undefined;
  private saveError: string | undefined;

  constructor(
    private readonly prep: PreparedNotebook,
    private readonly key: string,
    private readonly ctx: RunContext,
  ) {
    this.document = new NotebookDocument(prep.notebook);
    this.recorder = new OutputRecorder(this.document, {
      ...(ctx.options.maxOutput === undefined ? {} : { maxOutput: ctx.options.maxOutput }),
      onTruncate: (cellId, limit) => this.onTruncate(cellId, limit),
    });
    this.disk = prep.disk;
    this.warnings = [...prep.warnings];
    this.plan(prep.notebook);
  }

  private get name(): string {
    return this.prep.path;
  }

  private get timing(): boolean {
    return this.ctx.options.timing;
  }

  /** Code cells to run get cleared and marked pending; skip-execution cells are left untouched. */
  private plan(notebook: Notebook): void {
    notebook.cells.forEach((cell, index) => {
      if (cell.cell_type !== "code") return;
      const source = cellSource(cell);
      const skipped = hasTag(cell, TAG.skip);
      const result: CellResult = {
        index,
        id: cell.id,
        source,
        executionCount: null,
        outcome: skipped ? "skipped" : "not-run",
      };
      this.results.push(result);
      if (skipped) return;
      const entry = {
        index,
        id: cell.id,
        source,
        expectRaise: hasTag(cell, TAG.raises),
        result,
        timing: {},
      };
      this.planned.push(entry);
      this.byId.set(cell.id, entry);
      this.document.update(cell.id, (c) =>
        withFields(c as CodeCell, {
          execution_count: null,
          outputs: [],
          metadata: withExecutionRecord(c.metadata, "pending", null, undefined),
        }),
      );
    });
  }

  async run(): Promise<NotebookResult> {
    for (const warning of this.warnings) this.ctx.reporter.warning(this.name, warning);
    if (this.ctx.stop.stopped) return this.finish("cancelled", false);
    // Nothing to run (no code cells, or all skipped): no kernel needed.
    if (this.planned.length === 0) return this.finish("passed", true);
    this.ctx.reporter.notebookStarted(this.name, this.planned.length);
    const o = this.ctx.options;
    try {
      const choice = this.prep.kernel;
      if (choice instanceof Error) throw choice;
      this.kernel = await startKernel(choice, {
        cwd: this.prep.cwd,
        notebookPath: resolve(this.prep.path),
        ...(o.python === undefined ? {} : { python: o.python }),
        ...(o.cellTimeoutMs === undefined ? {} : { cellTimeoutMs: o.cellTimeoutMs }),
        ...(o.memoryLimitBytes === undefined ? {} : { memoryLimitBytes: o.memoryLimitBytes }),
        ...(this.ctx.registry === undefined ? {} : { registry: this.ctx.registry }),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const hint = (error as { hint?: string }).hint;
      this.failure = {
        error: {
          ename: "KernelStartError",
          evalue: message,
          traceback: hint ? [message, `Hint: ${hint}`] : [message],
        },
      };
      // Nothing ran: the notebook on disk is left as it was.
      return this.finish("start-failed", false);
    }
    if (this.ctx.stop.stopped) {
      this.ctx.shutdowns.push(this.kernel.shutdown());
      return this.finish("cancelled", false);
    }
    try {
      await this.execute(this.kernel);
    } catch (error) {
      // A bug in oprel must still leave what ran saved, and every worker stopped.
      this.kernel.killNow();
      const evalue = error instanceof Error ? error.message : String(error);
      const stack = error instanceof Error && this.ctx.options.debug ? (error.stack ?? "") : "";
      this.failure ??= {
        error: { ename: "OprelInternalError", evalue, traceback: [evalue, stack].filter(Boolean) },
      };
      this.raiseOutcome("failed");
    }
    if (this.timedOut) {
      // The limit struck between cells: nothing to blame but the clock.
      const error = notebookTimeoutError(this.ctx.options.notebookTimeoutMs ?? 0);
      this.failure ??= { error };
      this.raiseOutcome("timeout");
    } else if (this.stopping) this.raiseOutcome("cancelled");
    return this.finish(this.outcome, true);
  }

  private execute(kernel: NotebookKernel): Promise<void> {
    const { queue, options } = this.ctx;
    queue.addNotebook(this.key, kernel);
    let remaining = this.planned.length;
    let notebookTimer: NodeJS.Timeout | undefined;
    let unregisterStop = () => {};
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      const done = (error?: unknown) => {
        if (finished) return;
        finished = true;
        clearTimeout(notebookTimer);
        clearTimeout(this.stopTimer);
        unregisterStop();
        queue.off("event", onEvent);
        queue.removeNotebook(this.key);
        this.ctx.shutdowns.push(kernel.shutdown());
        if (error === undefined) resolve();
        else reject(error);
      };
      const onEvent = (event: QueueEvent) => {
        if (event.notebookId !== this.key || finished) return;
        try {
          this.onQueueEvent(event);
        } catch (error) {
          // Thrown here it would land in the queue; the run handles it instead.
          done(error);
          return;
        }
        if (event.type === "done" && --remaining === 0) done();
      };
      queue.on("event", onEvent);
      unregisterStop = this.ctx.stop.onStop(() => this.stop(kernel));
      if (options.notebookTimeoutMs !== undefined) {
        const left = options.notebookTimeoutMs - (performance.now() - this.startedAt);
        notebookTimer = limitTimer(() => {
          this.timedOut = true;
          this.stop(kernel);
        }, left);
      }
      if (remaining === 0) {
        done();
        return;
      }
      for (const cell of this.planned) {
        queue.enqueue({
          notebookId: this.key,
          cellId: cell.id,
          code: cell.source,
          allowStdin: false,
          continueOnError: options.errorMode !== "stop" || cell.expectRaise,
        });
      }
    });
  }

  /** Interrupt the running cell and drop the rest; kill the kernel if the cell ignores it. */
  private stop(kernel: NotebookKernel): void {
    if (this.stopping) return;
    this.stopping = true;
    this.ctx.queue.interrupt(this.key);
    // Cleared when the notebook ends: a kernel's shutdown (a gateway's DELETE) may outlast it.
    this.stopTimer = setTimeout(() => {
      if (this.ctx.queue.running(this.key) !== undefined) kernel.killNow();
    }, STOP_GRACE_MS);
    this.stopTimer.unref();
  }

  private onQueueEvent(event: QueueEvent): void {
    const cell = this.byId.get(event.cellId);
    if (!cell) return;
    switch (event.type) {
      case "running":
        this.position += 1;
        cell.timing.start = event.startedAt;
        this.setRecord(cell, "running", false);
        this.ctx.reporter.cellStarted(this.name, this.position, this.planned.length);
        return;
      case "output": {
        this.recorder.record(cell.id, event.event);
        if (this.ctx.options.logOutput) {
          const text = logText(event.event);
          if (text !== undefined) this.ctx.reporter.output(this.name, text);
        }
        return;
      }
      case "queued":
        return;
      case "done":
        if (event.status === "cancelled") return;
        this.ctx.reporter.cellFinished(this.name);
        this.onCellDone(cell, event.status, event.executionCount, event.durationMs, event.error);
    }
  }

  private onCellDone(
    cell: PlannedCell,
    status: ExecuteOutcome["status"],
    executionCount: number | null,
    durationMs: number,
    error: CellError | undefined,
  ): void {
    cell.timing.end = (cell.timing.start ?? Date.now()) + durationMs;
    const result = cell.result;
    result.executionCount = executionCount;
    result.durationMs = durationMs;
    const verdict = cellVerdict({
      status,
      error,
      expectRaise: cell.expectRaise,
      errorMode: this.ctx.options.errorMode,
      notebookTimedOut: this.timedOut,
      notebookTimeoutMs: this.ctx.options.notebookTimeoutMs,
      stopping: this.stopping,
    });
    const { outcome, error: cellError } = verdict;
    if (verdict.errorOutput && cellError)
      this.addErrorOutput(cell, cellError, verdict.errorOutput === "replace");
    if (verdict.dropRest) this.ctx.queue.interrupt(this.key);
    result.outcome = outcome;
    if (cellError) result.error = cellError;

    const failed = outcome !== "passed";
    this.recorder.record(cell.id, {
      type: "done",
      id: "",
      status: failed ? "error" : "ok",
      execution_count: executionCount,
    });
    this.setRecord(cell, failed ? "failed" : "completed", failed);

    if (failed) {
      const interrupted = this.stopping && !this.timedOut;
      // A stop asked for by the user or --fail-fast is not this notebook's failure.
      if (interrupted) this.raiseOutcome("cancelled", result);
      else {
        this.ctx.reporter.failure(this.name, result);
        const allowed = outcome === "failed" && this.ctx.options.errorMode === "allow";
        // An allowed error is recorded, not blamed: no failure, no banner, exit code 0.
        this.raiseOutcome(allowed ? "passed-with-errors" : (outcome as NotebookOutcome), result);
      }
    }
    void this.autosave();
  }

  private raiseOutcome(outcome: NotebookOutcome, cell?: CellResult): void {
    const blamed = outcome !== "cancelled" && outcome !== "passed-with-errors";
    if (!this.failure && cell?.error && blamed) this.failure = { cell, error: cell.error };
    this.outcome = worseOutcome(this.outcome, outcome);
  }

  private timesOf(cell: PlannedCell): CellTiming | undefined {
    return this.timing ? cell.timing : undefined;
  }

  /** Adds a synthetic error output, or puts it in place of the kernel's own error output. */
  private addErrorOutput(cell: PlannedCell, error: CellError, replace: boolean): void {
    this.recorder.settle(cell.id);
    this.document.update(cell.id, (c) => {
      const { outputs } = c as CodeCell;
      const kept = replace ? outputs.filter((o) => o.output_type !== "error") : outputs;
      return withFields(c as CodeCell, { outputs: [...kept, errorOutput(error)] });
    });
  }

  /** The notebook with everything recorded so far. */
  private get notebook(): Notebook {
    return this.recorder.snapshot();
  }

  private setRecord(cell: PlannedCell, status: PapermillStatus, exception: boolean): void {
    const times = this.timesOf(cell);
    this.document.update(cell.id, (c) =>
      withFields(c, { metadata: withExecutionRecord(c.metadata, status, exception, times) }),
    );
  }

  private onTruncate(cellId: string, limit: number): void {
    const cell = this.byId.get(cellId);
    const where = cell ? `Cell ${cell.index + 1}` : `Cell ${cellId}`;
    const half = formatSize(Math.floor(limit / 2));
    this.warn(
      `${where} wrote more than ${formatSize(limit)} of output: the notebook keeps its first ${half} ` +
        `and last ${half}, with a note where the rest was dropped (--max-output SIZE sets the limit).`,
    );
  }

  private async autosave(): Promise<void> {
    if (performance.now() - this.lastSave < AUTOSAVE_MS) return;
    this.lastSave = performance.now();
    await this.save(this.notebook).catch(() => undefined);
  }

  /** Saves one at a time: an autosave still writing must not race the final save. */
  private save(notebook: Notebook): Promise<void> {
    const turn = this.saving.then(() => this.writeOut(notebook));
    this.saving = turn.catch(() => undefined);
    return turn;
  }

  private async writeOut(notebook: Notebook): Promise<void> {
    const path = this.prep.outputPath;
    if (path === undefined) return;
    const minor =
      this.prep.nbformatMinor === undefined ? {} : { nbformatMinor: this.prep.nbformatMinor };
    const check = this.prep.inPlace ? { expectedDisk: this.disk } : { force: true };
    try {
      this.disk = await saveNotebook(path, notebook, { ...minor, ...check });
    } catch (error) {
      if (!(error instanceof OprelError && error.code === "NOTEBOOK_INVALID")) throw error;
      // Validation comes before any write, so the file is as it was: repair and save again.
      const { notebook: repaired, dropped } = repairOutputs(notebook);
      if (dropped.length === 0) throw error;
      this.disk = await saveNotebook(path, repaired, { ...minor, ...check });
      // The recorded outputs too, so later saves neither repeat the repair nor its warnings.
      this.document.replace(repairOutputs(this.notebook).notebook);
      for (const problem of dropped) {
        this.warn(`Not valid nbformat, so replaced by a note on stderr: ${problem}`);
      }
    }
    this.savedTo = path;
  }

  private warn(text: string): void {
    this.warnings.push(text);
    this.ctx.reporter.warning(this.name, text);
  }

  private async finish(outcome: NotebookOutcome, save: boolean): Promise<NotebookResult> {
    let exitCode = exitCodeOf(outcome);
    if (save) {
      try {
        await this.save(this.finalNotebook(outcome));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const hint = isOprelError(error, "NOTEBOOK_CHANGED_ON_DISK")
          ? "Nothing was overwritten. Run it again once the other program is done, or write the result elsewhere with -o."
          : (error as { hint?: string }).hint;
        this.saveError = `The executed notebook was not saved: ${message}`;
        this.warnings.push(this.saveError);
        this.ctx.reporter.warning(this.name, `${this.saveError}${hint ? `\nHint: ${hint}` : ""}`);
        this.savedTo = undefined;
        exitCode = Math.max(exitCode, EXIT.usage);
      }
    }
    this.exitCode = exitCode;
    const result: NotebookResult = {
      path: this.prep.path,
      ...(this.savedTo === undefined ? {} : { savedTo: this.savedTo }),
      ...(this.saveError === undefined ? {} : { saveError: this.saveError }),
      outcome,
      exitCode: this.exitCode,
      durationMs: performance.now() - this.startedAt,
      cells: this.results,
      ...(this.failure ? { failure: this.failure } : {}),
      warnings: this.warnings,
    };
    this.ctx.reporter.notebookFinished(result);
    return result;
  }

  /** The notebook as saved: run-level metadata, and papermill's banner when a failure counts. */
  private finalNotebook(outcome: NotebookOutcome): Notebook {
    const end = Date.now();
    const papermill = withFields(this.notebook.metadata.papermill as JsonObject, {
      start_time: this.timing ? new Date(this.startedWall).toISOString() : null,
      end_time: this.timing ? new Date(end).toISOString() : null,
      duration: this.timing ? (end - this.startedWall) / 1000 : null,
      exception: this.failure !== undefined && outcome !== "passed",
    });
    // As Jupyter: the kernel that ran says which language and version it was.
    const info = this.kernel?.languageInfo;
    const languageInfo = info ? { language_info: info } : {};
    let notebook = withFields(this.notebook, {
      metadata: withFields(this.notebook.metadata, { ...languageInfo, papermill }),
    });
    const failedCell = this.failure?.cell;
    if (failedCell && outcome !== "passed" && outcome !== "cancelled") {
      notebook = withErrorMarkers(notebook, failedCell.index, failedCell.executionCount);
    }
    return notebook;
  }
}

function errorOutput(error: CellError): ErrorOutput {
  return {
    output_type: "error",
    ename: error.ename,
    evalue: error.evalue,
    traceback: error.traceback,
  };
}
