// Progress on a terminal: one live line per running notebook (cell i of n, elapsed), redrawn at
// most ten times a second below the permanent lines (outputs, failures, results).

import { sanitize } from "../../terminal/sanitize.js";
import { truncateColumns } from "../../terminal/width.js";
import type { CellResult, NotebookResult, RunResult } from "../results.js";
import { didPass, failureBlock, formatDuration, notebookProblem, statusWord } from "./format.js";
import { LineBuffer } from "./line-buffer.js";
import type { Reporter, ReporterOptions } from "./reporter.js";
import { summaryLines } from "./summary.js";

const FRAME_MS = 100;
const SPINNER = ["|", "/", "-", "\\"];

interface Live {
  buffer: LineBuffer;
  position: number;
  total: number;
  startedAt: number;
}

export interface TtyReporterOptions extends ReporterOptions {
  columns: () => number;
  colour: boolean;
}

export class TtyReporter implements Reporter {
  private readonly live = new Map<string, Live>();
  private drawnLines = 0;
  private lastFrame = Number.NEGATIVE_INFINITY;
  private pending: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private frame = 0;
  private readonly now: () => number;

  constructor(private readonly options: TtyReporterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.ticker = setInterval(() => this.schedule(), 250);
    this.ticker.unref();
  }

  private paint(code: string, text: string): string {
    return this.options.colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  /** Permanent lines go above the live area, which is then drawn again. */
  private print(name: string | undefined, lines: string[]): void {
    const prefix = name === undefined ? "" : this.paint("2", `[${sanitize(name)}] `);
    let text = "";
    for (const raw of lines) {
      const line = sanitize(raw, { keepColour: this.options.colour });
      text += `${prefix}${line}${line.includes("\u001b[") ? "\u001b[0m" : ""}\n`;
    }
    this.redraw(text);
  }

  /** Erases the live lines, writes `text` above where they were, then draws them again. */
  private redraw(text: string): void {
    const erase = this.drawnLines;
    this.options.write(text + this.liveText(), erase);
  }

  private liveText(): string {
    const width = Math.max(20, this.options.columns() - 1);
    const now = this.now();
    const spin = SPINNER[this.frame % SPINNER.length];
    let text = "";
    for (const [name, state] of this.live) {
      const where = state.position === 0 ? "starting" : `cell ${state.position} of ${state.total}`;
      const plain = `${spin} ${sanitize(name)}  ${where}  ${formatDuration(now - state.startedAt)}`;
      text += `${truncateColumns(plain, width)}\n`;
    }
    this.drawnLines = this.live.size;
    this.lastFrame = now;
    return text;
  }

  private schedule(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastFrame + FRAME_MS - this.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.frame += 1;
      this.redraw("");
    }, wait);
    this.pending.unref();
  }

  notebookStarted(name: string, totalCells: number): void {
    this.live.set(name, {
      buffer: new LineBuffer(),
      position: 0,
      total: totalCells,
      startedAt: this.now(),
    });
    this.schedule();
  }

  cellStarted(name: string, position: number, total: number): void {
    const state = this.live.get(name);
    if (!state) return;
    state.position = position;
    state.total = total;
    if (this.options.logOutput) this.print(name, [this.paint("2", `cell ${position} of ${total}`)]);
    else this.schedule();
  }

  output(name: string, text: string): void {
    const lines = this.live.get(name)?.buffer.push(text) ?? [];
    if (lines.length > 0) this.print(name, lines);
  }

  cellFinished(name: string): void {
    const lines = this.live.get(name)?.buffer.flush() ?? [];
    if (lines.length > 0) this.print(name, lines);
  }

  warning(name: string | undefined, message: string): void {
    this.print(name, [this.paint("33", `warning: ${message}`)]);
  }

  failure(name: string, cell: CellResult): void {
    this.cellFinished(name);
    const [heading = "", ...rest] = failureBlock(name, cell);
    this.print(name, [this.paint("31", heading), ...rest]);
  }

  notebookFinished(result: NotebookResult): void {
    this.cellFinished(result.path);
    this.live.delete(result.path);
    const problem = notebookProblem(result);
    if (problem.length > 0) this.print(result.path, problem);
    const ok = didPass(result);
    const mark = ok ? this.paint("32", "ok") : this.paint("31", "FAIL");
    const saved = result.savedTo ? `; saved to ${sanitize(result.savedTo)}` : "";
    this.print(undefined, [
      `${mark} ${sanitize(result.path)}: ${statusWord(result)} in ${formatDuration(result.durationMs)}${saved}`,
    ]);
  }

  finish(run: RunResult): void {
    clearInterval(this.ticker);
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.live.clear();
    this.print(undefined, summaryLines(run));
  }
}
