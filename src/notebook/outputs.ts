// Recording a running cell's outputs: a pure reducer from kernel events to notebook state, shared by
// the UI and the runner so both record exactly the same outputs. It follows Jupyter's rules:
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

import type { KernelEvent } from "../kernel/protocol.js";
import { withFields } from "./edit/content.js";
import { findCellIndex, replaceCells } from "./edit/lookup.js";
import { joinMultiline } from "./multiline.js";
import type {
  CodeCell,
  DisplayDataOutput,
  ExecuteResultOutput,
  Notebook,
  Output,
} from "./types.js";

export interface OutputState {
  notebook: Notebook;
  /** Ids of cells with a clear_output(wait=true) waiting for the next output. */
  clearPending: ReadonlySet<string>;
}

export function initialOutputState(notebook: Notebook): OutputState {
  return { notebook, clearPending: new Set() };
}

export function applyKernelEvent(
  state: OutputState,
  cellId: string,
  event: KernelEvent,
): OutputState {
  switch (event.type) {
    case "status":
      return editCell(withoutPending(state, cellId), cellId, (cell) =>
        withFields(cell, { outputs: [], execution_count: null }),
      );
    case "stream":
      return addOutput(state, cellId, {
        output_type: "stream",
        name: event.name,
        text: event.text,
      });
    case "display": {
      const output: DisplayDataOutput = {
        output_type: "display_data",
        data: event.data,
        metadata: event.metadata,
      };
      if (event.display_id !== null) output.transient = { display_id: event.display_id };
      return addOutput(state, cellId, output);
    }
    case "result":
      return addOutput(state, cellId, {
        output_type: "execute_result",
        execution_count: event.execution_count,
        data: event.data,
        metadata: event.metadata,
      });
    case "error":
      return addOutput(state, cellId, {
        output_type: "error",
        ename: event.ename,
        evalue: event.evalue,
        traceback: event.traceback,
      });
    case "update_display":
      return {
        ...state,
        notebook: updateDisplay(state.notebook, event.display_id, event.data, event.metadata),
      };
    case "clear_output":
      if (event.wait) {
        if (state.clearPending.has(cellId) || findCellIndex(state.notebook, cellId) === -1)
          return state;
        return { ...state, clearPending: new Set([...state.clearPending, cellId]) };
      }
      return editCell(withoutPending(state, cellId), cellId, (cell) =>
        withFields(cell, { outputs: [] }),
      );
    case "done":
      return editCell(withoutPending(state, cellId), cellId, (cell) =>
        withFields(cell, { execution_count: event.execution_count }),
      );
    case "stdin_request":
      return state;
  }
}

function withoutPending(state: OutputState, cellId: string): OutputState {
  if (!state.clearPending.has(cellId)) return state;
  const clearPending = new Set(state.clearPending);
  clearPending.delete(cellId);
  return { ...state, clearPending };
}

/** Applies `edit` to the code cell with this id; anything else is left alone. */
function editCell(
  state: OutputState,
  cellId: string,
  edit: (cell: CodeCell) => CodeCell,
): OutputState {
  const index = findCellIndex(state.notebook, cellId);
  const cell = state.notebook.cells[index];
  if (cell?.cell_type !== "code") return state;
  return { ...state, notebook: replaceCells(state.notebook, index, 1, edit(cell)) };
}

function addOutput(state: OutputState, cellId: string, output: Output): OutputState {
  const clearFirst = state.clearPending.has(cellId);
  return editCell(withoutPending(state, cellId), cellId, (cell) => {
    const outputs = clearFirst ? [] : cell.outputs;
    const last = outputs.at(-1);
    if (
      output.output_type === "stream" &&
      last?.output_type === "stream" &&
      last.name === output.name
    ) {
      const merged = { ...last, text: joinMultiline(last.text) + joinMultiline(output.text) };
      return withFields(cell, { outputs: [...outputs.slice(0, -1), merged] });
    }
    return withFields(cell, { outputs: [...outputs, output] });
  });
}

function updateDisplay(
  notebook: Notebook,
  displayId: string,
  data: ExecuteResultOutput["data"],
  metadata: ExecuteResultOutput["metadata"],
): Notebook {
  let changed = false;
  const cells = notebook.cells.map((cell) => {
    if (cell.cell_type !== "code") return cell;
    if (!cell.outputs.some((output) => displayIdOf(output) === displayId)) return cell;
    changed = true;
    const outputs = cell.outputs.map((output) =>
      displayIdOf(output) === displayId ? { ...output, data, metadata } : output,
    );
    return withFields(cell, { outputs });
  });
  return changed ? { ...notebook, cells } : notebook;
}

function displayIdOf(output: Output): string | undefined {
  return output.output_type === "display_data" || output.output_type === "execute_result"
    ? output.transient?.display_id
    : undefined;
}
