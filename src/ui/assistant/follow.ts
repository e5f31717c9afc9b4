// The notebook view follows the review: the cell showing the proposal under the review cursor
// becomes the focused cell, so the viewport scrolls to it.

import type { NotebookSession } from "../session/notebook-session.js";
import { layoutProposals, TOP } from "./proposal-layout.js";

export function followReview(session: NotebookSession): void {
  const current = session.assistant.current();
  if (!current) return;
  const notebook = session.doc.notebook;
  const at = layoutProposals(session.assistant.shown(), notebook).shownAt.get(current.proposal.key);
  const index = at === TOP ? 0 : notebook.cells.findIndex((cell) => cell.id === at);
  if (index !== -1 && index !== session.doc.cursor) session.dispatch({ type: "moveTo", index });
}
