// The full-screen output pager: the whole output of one cell, scrolled, with / search.

import { fitColumns } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import type { Overlay } from "../app/overlays.js";
import { outputRows } from "./cell-parts.js";
import { style } from "./style.js";

export function pagerRows(
  store: AppStore,
  overlay: Extract<Overlay, { kind: "pager" }>,
  width: number,
  height: number,
): string[] {
  const session = store.sessions.find((candidate) => candidate.id === overlay.sessionId);
  const cell = session?.doc.notebook.cells.find((candidate) => candidate.id === overlay.cellId);
  if (!cell) return [style.dim("The cell is gone.")];
  const rows = outputRows(cell, width, Number.MAX_SAFE_INTEGER);
  const body = rows.slice(overlay.scroll, overlay.scroll + height - 1);
  const footer = style.inverse(
    fitColumns(
      ` ${overlay.scroll + 1}-${overlay.scroll + body.length} of ${rows.length}  q closes `,
      width,
    ),
  );
  return [...body, footer];
}
