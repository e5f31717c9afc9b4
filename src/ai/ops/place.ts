// Where an add_cell or move_cell puts its cell, in words, for the proposal's title (`oprel ai`)
// and its label in the terminal notebook.

import { findCellIndex, type Notebook } from "../../notebook/index.js";

export function placeText(notebook: Notebook, afterCellId: string | null): string {
  if (afterCellId === null) return "at the end";
  if (afterCellId === "top") return "at the top";
  const index = findCellIndex(notebook, afterCellId);
  return index === -1 ? `after cell ${afterCellId}` : `after cell ${afterCellId} (#${index + 1})`;
}
