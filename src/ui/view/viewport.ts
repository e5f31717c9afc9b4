// The visible part of a notebook: only the cells that fit on screen are rendered (plus the ones
// walked over to find them), never all of them. The view scrolls only as far as the focused cell
// needs, and inside a cell taller than the screen it follows the editor's cursor.

import { layoutProposals, marksFor } from "../assistant/proposal-layout.js";
import { selectionRange } from "../document/doc-state.js";
import type { NotebookSession } from "../session/notebook-session.js";
import { type CellView, renderCell } from "./cell-view.js";

export function notebookRows(
  session: NotebookSession,
  width: number,
  height: number,
  now: number,
): string[] {
  const { notebook, cursor, mode } = session.doc;
  const [low, high] = selectionRange(session.doc);
  const shown = session.assistant.shown();
  // Only while a round's proposals are on screen: cells look their marks up by id.
  const layout = shown.length > 0 ? layoutProposals(shown, notebook) : undefined;
  const currentKey = session.assistant.current()?.proposal.key;
  const language = session.language;
  const views = new Map<number, CellView>();
  const view = (index: number): CellView => {
    let found = views.get(index);
    if (!found) {
      const cell = notebook.cells[index];
      if (!cell) return { rows: [], focusRow: 0 };
      const editing =
        session.editing?.cellId === cell.id && mode === "edit" ? session.editing : undefined;
      found = renderCell({
        cell,
        width,
        focused: index === cursor,
        selected: index >= low && index <= high,
        mode,
        run: session.runs.get(cell.id),
        outcome: session.runs.outcome(cell.id),
        now,
        editing,
        maxRows: height,
        outputs: session.outputs.of(cell),
        language,
        marks: layout && marksFor(layout, cell.id, index === 0, currentKey),
      });
      views.set(index, found);
    }
    return found;
  };

  // Scroll up to the cursor, or down just enough for the whole focused cell to fit.
  let top = Math.min(session.top, cursor);
  let used = view(cursor).rows.length;
  let start = cursor;
  while (start > top && used + view(start - 1).rows.length <= height) {
    start -= 1;
    used += view(start).rows.length;
  }
  if (start > top) top = start;
  session.top = top;

  const rows: string[] = [];
  let focusAt = 0;
  for (let index = top; index < notebook.cells.length; index += 1) {
    if (index === cursor) focusAt = rows.length + view(index).focusRow;
    rows.push(...view(index).rows);
    if (index >= cursor && rows.length >= height) break;
  }
  // A focused cell taller than the screen: keep its focus row (the editor's cursor) in sight.
  const skip = Math.max(0, focusAt - height + 3);
  const visible = rows.slice(skip, skip + height);
  while (visible.length < height) visible.push("");
  return visible;
}
