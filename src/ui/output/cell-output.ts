// The output of one code cell as the screen shows it, kept outside React state. The notebook
// document stays the source of truth (it is what gets saved); this view follows it:
// - `apply(event, outputs)` after the model recorded a kernel event: a stream that the model
//   appended the same way is appended here too (O(new text)); anything else rebuilds the view
//   from the model's outputs.
// - `windowLines(width, maxLines)` gives the last lines wrapped to the width, from the tail only,
//   so the cost of a repaint does not grow with the length of the output.
// Blocks are built on first use: a cell that is never scrolled into view costs nothing.

import type { KernelEvent, StreamEvent } from "../../kernel/protocol.js";
import type { MultilineString, Output, StreamName } from "../../notebook/types.js";
import { thousands } from "../../terminal/thousands.js";
import { fitColumns, wrapLine } from "../../terminal/wrap.js";
import { type ImageRenderer, imagePlaceholder } from "./image-view.js";
import type { LineSource } from "./line-source.js";
import type { LineStore } from "./line-store.js";
import { type OutputBlock, outputBlock, streamBlock } from "./output-block.js";
import { richTextLoaded } from "./rich-text.js";

export interface OutputWindow {
  /** Rows to draw, each at most `width` columns, SGR colour only; a note row first when capped. */
  lines: string[];
  /** Logical lines not (fully) shown. */
  hiddenLines: number;
  /** Logical lines in all of the cell's outputs. */
  totalLines: number;
}

export interface CellOutputsOptions {
  /** Draws image outputs; the default is a one-line placeholder naming type and size. */
  renderImage?: ImageRenderer;
}

export interface WindowOptions {
  /** The key named in the "more lines" note. */
  pagerKey?: string;
}

// A single logical line longer than this is wrapped from its tail only (see tailRows).
const LONG_LINE = 20_000;

export class CellOutputs {
  private outputsShown: readonly Output[] = [];
  private blocks: OutputBlock[] | undefined;
  private changes = 0;
  private waitingForRichText = false;
  private cachedWindow: { key: string; window: OutputWindow } | undefined;
  private readonly renderImage: ImageRenderer;

  private constructor(options: CellOutputsOptions) {
    this.renderImage = options.renderImage ?? imagePlaceholder;
  }

  static fromOutputs(outputs: readonly Output[], options: CellOutputsOptions = {}): CellOutputs {
    const view = new CellOutputs(options);
    view.reset(outputs);
    return view;
  }

  /** Changes whenever what `windowLines` returns may change (for any width). */
  get version(): number {
    if (this.waitingForRichText && richTextLoaded()) {
      this.waitingForRichText = false;
      this.changes += 1;
    }
    return this.changes;
  }

  /** The outputs last given by `reset`/`apply` (the model's). */
  get outputs(): readonly Output[] {
    return this.outputsShown;
  }

  /** Shows exactly these outputs (anything but a plain stream append). */
  reset(outputs: readonly Output[]): void {
    this.outputsShown = outputs;
    this.blocks = undefined;
    this.changes += 1;
  }

  /** Follows the model's outputs when they may have changed (update_display, undo): cheap if not. */
  sync(outputs: readonly Output[]): void {
    if (outputs !== this.outputsShown) this.reset(outputs);
  }

  /**
   * The model's outputs after stream text this view already appended with `appendStream`: taken
   * as they are, without rebuilding (the model snapshots lazily, once per frame, not per event).
   */
  adopt(outputs: readonly Output[]): void {
    this.outputsShown = outputs;
  }

  /** Live stream text, merged into the last output when it is a stream of the same name. */
  appendStream(name: StreamName, text: string): void {
    const blocks = this.built();
    const last = blocks.at(-1);
    if (last?.stream === name) last.at(0).append(text);
    else blocks.push(streamBlock(name, text));
    this.changes += 1;
  }

  /**
   * After the model applied `event` to this cell: `outputs` is the cell's outputs now. A stream
   * the model recorded as one more or one longer stream output is appended; anything else resets.
   */
  apply(event: KernelEvent, outputs: readonly Output[]): void {
    if (
      event.type === "stream" &&
      this.blocks !== undefined &&
      this.modelAppended(event, outputs)
    ) {
      this.appendStream(event.name, event.text);
      this.outputsShown = outputs;
      return;
    }
    this.sync(outputs);
  }

  /** Whether the model recorded `event` as a plain append to what this view shows. */
  private modelAppended(event: StreamEvent, outputs: readonly Output[]): boolean {
    const before = this.outputsShown;
    const recorded = outputs.at(-1);
    if (recorded?.output_type !== "stream" || recorded.name !== event.name) return false;
    const previous = before.at(-1);
    if (previous?.output_type === "stream" && previous.name === event.name) {
      // Merged into the last stream (and not after a clear_output(wait=True), which restarts it).
      return (
        outputs.length === before.length &&
        textLength(recorded.text) === textLength(previous.text) + event.text.length
      );
    }
    return outputs.length === before.length + 1 && sameOutput(outputs.at(-2), previous);
  }

  /** Logical lines in all outputs at this width. */
  lineCount(width: number): number {
    let count = 0;
    for (const block of this.built()) count += block.at(width).lineCount;
    return count;
  }

  /** The last `maxLines` rows at `width` columns, plus a dim note above them when capped. */
  windowLines(width: number, maxLines: number, options: WindowOptions = {}): OutputWindow {
    const key = `${this.version}:${width}:${maxLines}:${options.pagerKey}`;
    if (this.cachedWindow?.key !== key) {
      this.cachedWindow = { key, window: this.computeWindow(width, maxLines, options) };
    }
    return this.cachedWindow.window;
  }

  /** All output lines at this width, for the pager; follows this view as it changes. */
  lineSource(width: number): LineSource {
    return new OutputsSource(this, width);
  }

  /** The blocks' stores at this width (internal to the line source). */
  storesAt(width: number): LineStore[] {
    return this.built().map((block) => block.at(width));
  }

  private built(): OutputBlock[] {
    if (this.blocks === undefined) {
      this.blocks = this.outputsShown.map((output) => outputBlock(output, this.renderImage));
    }
    return this.blocks;
  }

  private computeWindow(width: number, maxLines: number, options: WindowOptions): OutputWindow {
    const stores = this.storesAt(width);
    this.waitingForRichText = this.built().some((block) => block.waiting);
    let totalLines = 0;
    for (const store of stores) totalLines += store.lineCount;
    const rows: string[][] = [];
    let need = Math.max(0, maxLines);
    let shown = 0;
    for (let b = stores.length - 1; b >= 0 && need > 0; b--) {
      const store = stores[b] as LineStore;
      for (let i = store.lineCount - 1; i >= 0 && need > 0; i--) {
        const { rows: wrapped, whole } = tailRows(store.line(i), width, need);
        const take = Math.min(need, wrapped.length);
        rows.push(take === wrapped.length ? wrapped : wrapped.slice(wrapped.length - take));
        need -= take;
        if (whole && take === wrapped.length) shown += 1;
      }
    }
    const lines = rows.reverse().flat();
    const hiddenLines = totalLines - shown;
    if (hiddenLines > 0 && maxLines > 0) lines.unshift(moreNote(hiddenLines, width, options));
    return { lines, hiddenLines, totalLines };
  }
}

/** The same output, or a stream the model rebuilt with the same text (cheap: by length). */
function sameOutput(a: Output | undefined, b: Output | undefined): boolean {
  if (a === b) return true;
  return (
    a?.output_type === "stream" &&
    b?.output_type === "stream" &&
    a.name === b.name &&
    textLength(a.text) === textLength(b.text)
  );
}

function textLength(text: MultilineString): number {
  if (typeof text === "string") return text.length;
  let length = 0;
  for (const line of text) length += line.length;
  return length;
}

/** The line's rows, or for a huge line only enough of its tail to fill `need` rows. */
function tailRows(line: string, width: number, need: number): { rows: string[]; whole: boolean } {
  const budget = need * width * 4;
  if (line.length <= LONG_LINE + budget) return { rows: wrapLine(line, width), whole: true };
  // Cut at a multiple of the width, so plain text wraps where it would in full; colour set
  // before the cut is not carried (an approximation for a line of more than 20,000 characters).
  let cut = line.length - budget;
  cut -= cut % Math.max(1, width);
  const sequence = line.lastIndexOf("\u001b", cut);
  if (sequence !== -1 && cut - sequence < 64) {
    const end = line.indexOf("m", sequence);
    if (end >= cut) cut = end + 1;
  }
  const code = line.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut += 1;
  return { rows: wrapLine(line.slice(cut), width), whole: false };
}

function moreNote(hidden: number, width: number, options: WindowOptions): string {
  const count = thousands(hidden);
  const text = `… ${count} more line${hidden === 1 ? "" : "s"} — ${options.pagerKey ?? "O"} opens the pager`;
  return `\u001b[2m${fitColumns(text, width)}\u001b[22m`;
}

/** All of a cell's output lines as one source, read live from the view. */
class OutputsSource implements LineSource {
  private starts: { version: number; stores: LineStore[]; starts: number[] } | undefined;

  constructor(
    private readonly view: CellOutputs,
    private readonly width: number,
  ) {}

  get version(): number {
    return this.view.version;
  }

  get lineCount(): number {
    const { stores, starts } = this.layout();
    const last = stores.length - 1;
    return last < 0 ? 0 : (starts[last] as number) + (stores[last] as LineStore).lineCount;
  }

  slice(start: number, end: number): string[] {
    const { stores, starts } = this.layout();
    const lines: string[] = [];
    let b = blockAt(starts, Math.max(0, start));
    for (; b < stores.length && lines.length < end - start; b++) {
      const first = starts[b] as number;
      const from = Math.max(start, first) - first;
      lines.push(...(stores[b] as LineStore).slice(from, end - first));
    }
    return lines;
  }

  /** Where each block starts; only the last block can grow without a version change of others. */
  private layout(): { stores: LineStore[]; starts: number[] } {
    const version = this.view.version;
    if (this.starts?.version !== version) {
      const stores = this.view.storesAt(this.width);
      const starts: number[] = [];
      let at = 0;
      for (const store of stores) {
        starts.push(at);
        at += store.lineCount;
      }
      this.starts = { version, stores, starts };
    }
    return this.starts;
  }
}

/** The index of the block holding line `line` (binary search over block starts). */
function blockAt(starts: number[], line: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= line) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}
