// A proposal as readable text for `oprel ai`: what it does, to which cell, why, and the change as a
// line diff. The writer sanitizes it; colour only marks removed and added lines.

import { cellSource, findCell, findCellIndex, type Notebook } from "../../notebook/index.js";
import type { Proposal } from "../contract.js";
import { lineDiff } from "../diff.js";
import { placeText } from "../ops/place.js";

const RED = "\u001b[31m";
const GREEN = "\u001b[32m";
const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";

function label(notebook: Notebook, id: string): string {
  const index = findCellIndex(notebook, id);
  return index === -1 ? `cell ${id}` : `cell ${id} (#${index + 1})`;
}

function title(proposal: Proposal, notebook: Notebook): string {
  const { op } = proposal;
  switch (op.op) {
    case "add_cell":
      return `add a ${op.cell_type} cell ${proposal.cellId} ${placeText(notebook, op.after_cell_id)}`;
    case "edit_cell":
    case "replace_in_cell":
      return `edit ${label(notebook, op.cell_id)}`;
    case "delete_cell":
      return `delete ${label(notebook, op.cell_id)}`;
    case "move_cell":
      return `move ${label(notebook, op.cell_id)} ${placeText(notebook, op.after_cell_id)}`;
    case "exec_cell":
      return `run ${label(notebook, op.cell_id)}`;
  }
}

function changed(proposal: Proposal, notebook: Notebook): [before: string, after: string] | null {
  const { op } = proposal;
  const current = () => {
    const cell = findCell(notebook, proposal.cellId);
    return cell ? cellSource(cell) : (proposal.seenSource ?? "");
  };
  switch (op.op) {
    case "add_cell":
      return ["", op.source];
    case "edit_cell":
      return [current(), op.source];
    case "replace_in_cell": {
      const before = current();
      return [before, before.replace(op.old, () => op.new)];
    }
    case "delete_cell":
      return [current(), ""];
    default:
      return null;
  }
}

export function proposalText(
  proposal: Proposal,
  notebook: Notebook,
  position: string,
  colour: boolean,
): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const why = "why" in proposal.op && proposal.op.why ? ` — ${proposal.op.why}` : "";
  const lines = [paint(BOLD, `${position} ${title(proposal, notebook)}`) + why];
  const change = changed(proposal, notebook);
  if (change) {
    for (const line of lineDiff(...change)) {
      const text = `  ${line.kind} ${line.text}`;
      lines.push(
        line.kind === "-" ? paint(RED, text) : line.kind === "+" ? paint(GREEN, text) : text,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
