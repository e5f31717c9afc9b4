// Progress for logs and pipes: whole lines, prefixed with the notebook's name, and not one
// control code: everything untrusted goes through plainText.

import { plainText } from "../../terminal/sanitize.js";
import type { CellResult, NotebookResult, RunResult } from "../results.js";
import { failureBlock, formatDuration, notebookProblem, statusWord } from "./format.js";
import { LineBuffer } from "./line-buffer.js";
import type { Reporter, ReporterOptions } from "./reporter.js";
import { summaryLines } from "./summary.js";

/** A cell that runs this long gets a "still running" line now and then, so CI logs show life. */
const HEARTBEAT_MS = 30_000;

interface Running {
  buffer: LineBuffer;
  position: number;
  total: number;
  cellStartedAt: number;
  nextHeartbeat: number;
}

export class PlainReporter implements Reporter {
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: ReporterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.timer = setInterval(() => this.heartbeat(), 1000);
    this.timer.unref();
  }

  private line(name: string | undefined, text: string): void {
    const prefix = name === undefined ? "" : `[${plainText(name)}] `;
    for (const line of plainText(text).split("\n")) this.options.write(`${prefix}${line}\n`);
  }

  notebookStarted(name: string, totalCells: number): void {
    this.running.set(name, {
      buffer: new LineBuffer(),
      position: 0,
      total: totalCells,
      cellStartedAt: this.now(),
      nextHeartbeat: Number.POSITIVE_INFINITY,
    });
    this.line(name, `started: ${totalCells} cell${totalCells === 1 ? "" : "s"} to run`);
  }

  cellStarted(name: string, position: number, total: number): void {
    const state = this.running.get(name);
    if (!state) return;
    state.position = position;
    state.total = total;
    state.cellStartedAt = this.now();
    state.nextHeartbeat = state.cellStartedAt + HEARTBEAT_MS;
    if (this.options.logOutput) this.line(name, `cell ${position} of ${total}`);
  }

  output(name: string, text: string): void {
    const state = this.running.get(name);
    if (!state) return;
    for (const line of state.buffer.push(text)) this.line(name, line);
  }

  cellFinished(name: string): void {
    const state = this.running.get(name);
    if (!state) return;
    for (const line of state.buffer.flush()) this.line(name, line);
    state.nextHeartbeat = Number.POSITIVE_INFINITY;
  }

  warning(name: string | undefined, message: string): void {
    this.line(name, `warning: ${message}`);
  }

  failure(name: string, cell: CellResult): void {
    this.cellFinished(name);
    for (const line of failureBlock(name, cell)) this.line(name, line);
  }

  notebookFinished(result: NotebookResult): void {
    this.cellFinished(result.path);
    this.running.delete(result.path);
    for (const line of notebookProblem(result)) this.line(result.path, line);
    const saved = result.savedTo ? `; saved to ${result.savedTo}` : "";
    this.line(result.path, `${statusWord(result)} in ${formatDuration(result.durationMs)}${saved}`);
  }

  finish(run: RunResult): void {
    clearInterval(this.timer);
    for (const line of summaryLines(run)) this.line(undefined, line);
  }

  private heartbeat(): void {
    const now = this.now();
    for (const [name, state] of this.running) {
      if (now < state.nextHeartbeat) continue;
      state.nextHeartbeat = now + HEARTBEAT_MS;
      this.line(
        name,
        `still running cell ${state.position} of ${state.total} (${formatDuration(now - state.cellStartedAt)})`,
      );
    }
  }
}
