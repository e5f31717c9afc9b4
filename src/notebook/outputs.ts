// Recording a running cell's outputs from kernel events, shared by the UI and the runner so both
// record exactly the same outputs. It follows Jupyter's rules:
// - status (busy): the cell starts running; its old outputs and execution count are cleared.
// - stream: appended to the previous output when that is a stream of the same name (as JupyterLab
//   does); the text is stored raw, "\r" and "\b" included, as Jupyter stores it.
// - display: display_data; a display id is kept in output.transient.display_id (never saved).
// - update_display: replaces data and metadata of EVERY output, in any cell, with that display id.
// - clear_output: clears now, or with wait=true just before the cell's next output arrives.
// - result: execute_result with its execution count; error: an error output.
// - done: sets the cell's execution count; a pending clear_output(wait=true) is dropped.
// Events for a cell that no longer exists (deleted while running) change nothing, except
// update_display, which still updates the other cells.
// A cell's output is capped (CellOutputs): past the limit its middle is replaced by a note.
//
// OutputRecorder does this in place on a NotebookDocument, at a cost per event that does not grow
// with the notebook. applyKernelEvent is the same as a pure function of a notebook value, for
// reducers; each call costs time in proportion to the number of cells.

import type { KernelEvent } from "../kernel/protocol.js";
import { CellOutputs, DEFAULT_MAX_OUTPUT, displayIdOf, type Truncation } from "./cell-outputs.js";
import { NotebookDocument } from "./document.js";
import { withFields } from "./edit/content.js";
import type { Cell, CodeCell, DisplayDataOutput, Notebook, Output } from "./types.js";

export interface RecorderOptions {
  /** The most output one cell keeps, in UTF-16 units (bytes for ASCII); default 100 MB. */
  maxOutput?: number;
  /** Called once per execution, when a cell's output first passes the limit. */
  onTruncate?: (cellId: string, limit: number) => void;
  /** Cells with a clear_output(wait=true) already waiting. */
  clearPending?: Iterable<string>;
}

interface LiveCell {
  /** Undefined until the cell's outputs change. */
  outputs: CellOutputs | undefined;
  clearPending: boolean;
  /** The execution count to write; undefined leaves it. */
  count: number | null | undefined;
  dirty: boolean;
  warned: boolean;
}

export class OutputRecorder {
  private readonly live = new Map<string, LiveCell>();
  /** Display id to the ids of cells that showed it; built at the first update_display. */
  private displays: Map<string, Set<string>> | undefined;
  private readonly limit: number;

  constructor(
    readonly document: NotebookDocument,
    private readonly options: RecorderOptions = {},
  ) {
    this.limit = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
    for (const id of options.clearPending ?? []) this.liveCell(id).clearPending = true;
  }

  record(cellId: string, event: KernelEvent): void {
    switch (event.type) {
      case "status": {
        if (!this.isCode(cellId)) return;
        const live = this.liveCell(cellId);
        live.outputs = new CellOutputs(this.limit);
        live.clearPending = false;
        live.count = null;
        live.dirty = true;
        live.warned = false;
        return;
      }
      case "stream":
        this.add(cellId, { output_type: "stream", name: event.name, text: event.text });
        return;
      case "display": {
        const output: DisplayDataOutput = {
          output_type: "display_data",
          data: event.data,
          metadata: event.metadata,
        };
        if (event.display_id !== null) output.transient = { display_id: event.display_id };
        this.add(cellId, output);
        return;
      }
      case "result":
        this.add(cellId, {
          output_type: "execute_result",
          execution_count: event.execution_count,
          data: event.data,
          metadata: event.metadata,
        });
        return;
      case "error":
        this.add(cellId, {
          output_type: "error",
          ename: event.ename,
          evalue: event.evalue,
          traceback: event.traceback,
        });
        return;
      case "update_display":
        this.updateDisplay(event.display_id, event.data, event.metadata);
        return;
      case "clear_output": {
        if (!this.isCode(cellId)) return;
        const live = this.liveCell(cellId);
        if (event.wait) {
          live.clearPending = true;
          return;
        }
        live.clearPending = false;
        live.outputs = new CellOutputs(this.limit);
        live.dirty = true;
        return;
      }
      case "done": {
        if (!this.isCode(cellId)) return;
        const live = this.liveCell(cellId);
        live.clearPending = false;
        live.count = event.execution_count;
        live.dirty = true;
        // The cell is finished: write it and let its recording state go.
        this.settle(cellId);
        return;
      }
      case "stdin_request":
        return;
    }
  }

  /** What the cap dropped from the cell's output, if anything, since it was last cleared. */
  truncation(cellId: string): Truncation | undefined {
    return this.live.get(cellId)?.outputs?.truncation;
  }

  /** Cells with a clear_output(wait=true) waiting for their next output. */
  pendingClears(): Set<string> {
    const ids = new Set<string>();
    for (const [id, live] of this.live) if (live.clearPending) ids.add(id);
    return ids;
  }

  /** Writes every cell whose outputs changed into the document. */
  flush(): void {
    for (const id of this.live.keys()) this.write(id);
  }

  /** The notebook with everything recorded so far. */
  snapshot(): Notebook {
    this.flush();
    return this.document.snapshot();
  }

  /** Writes the cell into the document and forgets its recording state (a pending clear stays). */
  settle(cellId: string): void {
    const live = this.live.get(cellId);
    if (!live) return;
    this.write(cellId);
    if (live.clearPending) live.outputs = undefined;
    else this.live.delete(cellId);
  }

  private write(cellId: string): void {
    const live = this.live.get(cellId);
    if (!live?.dirty) return;
    live.dirty = false;
    this.document.update(cellId, (cell) => {
      if (cell.cell_type !== "code") return cell;
      const fields: Partial<CodeCell> = {};
      if (live.outputs) fields.outputs = live.outputs.outputs();
      if (live.count !== undefined) fields.execution_count = live.count;
      live.count = undefined;
      return withFields(cell, fields);
    });
  }

  private isCode(cellId: string): boolean {
    return this.document.get(cellId)?.cell_type === "code";
  }

  private liveCell(cellId: string): LiveCell {
    let live = this.live.get(cellId);
    if (!live) {
      live = {
        outputs: undefined,
        clearPending: false,
        count: undefined,
        dirty: false,
        warned: false,
      };
      this.live.set(cellId, live);
    }
    return live;
  }

  /** The cell's outputs to record into, starting from what the document holds. */
  private outputsOf(live: LiveCell, cell: CodeCell): CellOutputs {
    live.outputs ??= CellOutputs.of(cell.outputs, this.limit);
    return live.outputs;
  }

  private add(cellId: string, output: Output): void {
    const cell = this.document.get(cellId);
    if (cell?.cell_type !== "code") return;
    const live = this.liveCell(cellId);
    if (live.clearPending) {
      live.clearPending = false;
      live.outputs = new CellOutputs(this.limit);
    }
    const outputs = this.outputsOf(live, cell);
    outputs.add(output);
    live.dirty = true;
    const id = displayIdOf(output);
    if (id !== undefined && this.displays) this.showsDisplay(id, cellId);
    if (!live.warned && outputs.truncation) {
      live.warned = true;
      this.options.onTruncate?.(cellId, this.limit);
    }
  }

  private showsDisplay(displayId: string, cellId: string): void {
    const displays = this.displays ?? new Map<string, Set<string>>();
    this.displays = displays;
    let cells = displays.get(displayId);
    if (!cells) {
      cells = new Set();
      displays.set(displayId, cells);
    }
    cells.add(cellId);
  }

  private updateDisplay(displayId: string, data: object, metadata: object): void {
    if (!this.displays) {
      // Built once, from every output the notebook holds and every cell being recorded.
      this.displays = new Map();
      this.flush();
      for (let i = 0; i < this.document.length; i++) {
        const cell = this.document.at(i) as Cell;
        if (cell.cell_type !== "code") continue;
        for (const output of cell.outputs) {
          const id = displayIdOf(output);
          if (id !== undefined) this.showsDisplay(id, cell.id);
        }
      }
    }
    for (const cellId of this.displays.get(displayId) ?? []) {
      const cell = this.document.get(cellId);
      if (cell?.cell_type !== "code") continue;
      const wasLive = this.live.has(cellId);
      const live = this.liveCell(cellId);
      if (this.outputsOf(live, cell).updateDisplay(displayId, data, metadata)) live.dirty = true;
      // A cell that is not being recorded is written at once, as a plain edit.
      if (!wasLive) this.settle(cellId);
    }
  }
}

export interface OutputState {
  notebook: Notebook;
  /** Ids of cells with a clear_output(wait=true) waiting for the next output. */
  clearPending: ReadonlySet<string>;
}

export function initialOutputState(notebook: Notebook): OutputState {
  return { notebook, clearPending: new Set() };
}

/** OutputRecorder as a pure function: the state after one event (the same object if unchanged). */
export function applyKernelEvent(
  state: OutputState,
  cellId: string,
  event: KernelEvent,
): OutputState {
  const recorder = new OutputRecorder(new NotebookDocument(state.notebook), {
    clearPending: state.clearPending,
  });
  recorder.record(cellId, event);
  const notebook = recorder.snapshot();
  const clearPending = recorder.pendingClears();
  const sameClears =
    clearPending.size === state.clearPending.size &&
    [...clearPending].every((id) => state.clearPending.has(id));
  if (notebook === state.notebook && sameClears) return state;
  return { notebook, clearPending: sameClears ? state.clearPending : clearPending };
}
