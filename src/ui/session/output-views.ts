// The screen's view of each cell's outputs (src/ui/output), kept beside the document and outside
// React. Live stream text is appended to the view as it arrives, so a repaint while a cell
// streams costs what was added, not the whole output; anything else (a display, clear_output, an
// error, an undo) makes the view rebuild from the document's outputs when it is next drawn.

import type { KernelEvent } from "../../kernel/index.js";
import type { Cell } from "../../notebook/index.js";
import { CellOutputs } from "../output/cell-output.js";

interface Entry {
  view: CellOutputs;
  /** Stream text was appended since the view last saw the document's outputs. */
  appended: boolean;
  /** Something other than an append happened: rebuild from the document. */
  stale: boolean;
}

export class OutputViews {
  private readonly entries = new Map<string, Entry>();

  /** After the recorder took `event` for `cellId`; `mergesStream` says the model appends it. */
  noteEvent(cellId: string, event: KernelEvent, mergesStream: boolean): void {
    const entry = this.entries.get(cellId);
    if (!entry) return; // never drawn yet: built from the document when it is
    if (event.type === "stream" && mergesStream && !entry.stale) {
      entry.view.appendStream(event.name, event.text);
      entry.appended = true;
    } else entry.stale = true;
  }

  /** The view of a code cell's outputs, in step with the document. */
  of(cell: Cell): CellOutputs | undefined {
    if (cell.cell_type !== "code") return undefined;
    let entry = this.entries.get(cell.id);
    if (!entry) {
      entry = { view: CellOutputs.fromOutputs(cell.outputs), appended: false, stale: false };
      this.entries.set(cell.id, entry);
    } else if (entry.stale) entry.view.reset(cell.outputs);
    else if (entry.appended) entry.view.adopt(cell.outputs);
    else entry.view.sync(cell.outputs);
    entry.stale = false;
    entry.appended = false;
    return entry.view;
  }
}
