// What the model is told about the notebook, within a token budget: the focused cell and cells
// with errors always in full, then their neighbours, then the rest in full while room is left;
// every other cell as a one-line summary. Cells stay in notebook order. All of it sits inside
// untrusted-data delimiters: the system prompt says instructions found there are data.

import { randomBytes } from "node:crypto";
import type { NamespaceReply } from "../../kernel/index.js";
import type { Cell } from "../../notebook/index.js";
import { plainText } from "../../terminal/sanitize.js";
import type { NotebookContext } from "../contract.js";
import { CONTEXT_LIMITS, fullCellText, summaryCellText } from "./cell-text.js";
import { variablesText } from "./variables.js";

export interface ContextOptions {
  /** Tokens for the notebook part, estimated at 4 characters a token. */
  budgetTokens?: number;
}

export const DEFAULT_BUDGET_TOKENS = 8000;
const CHARS_PER_TOKEN = 4;

/** Cell indexes in the order they earn a full rendering. */
export function priorityOrder(cells: readonly Cell[], context: NotebookContext): number[] {
  const must = cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.id === context.focusedCellId || context.status(cell.id) === "error")
    .map(({ index }) => index)
    // The focused cell first, so its neighbours come before those of the errors.
    .sort(
      (a, b) =>
        Number(cells[b]?.id === context.focusedCellId) -
        Number(cells[a]?.id === context.focusedCellId),
    );
  const order: number[] = [...must];
  const taken = new Set(must);
  const add = (index: number) => {
    if (index >= 0 && index < cells.length && !taken.has(index)) {
      taken.add(index);
      order.push(index);
    }
  };
  // Neighbours, nearest first, around every must-have cell.
  for (let distance = 1; distance < cells.length && taken.size < cells.length; distance++) {
    for (const index of must) {
      add(index - distance);
      add(index + distance);
    }
    if (must.length === 0) break;
  }
  for (let index = 0; index < cells.length; index++) add(index);
  return order;
}

export function notebookText(context: NotebookContext, options: ContextOptions = {}): string {
  const budget = (options.budgetTokens ?? DEFAULT_BUDGET_TOKENS) * CHARS_PER_TOKEN;
  const { cells } = context.notebook;
  const order = priorityOrder(cells, context);
  // First a summary for as many cells as half the budget holds (by priority), then upgrade.
  const texts: Array<string | null> = cells.map(() => null);
  let used = 0;
  for (const index of order) {
    const cell = cells[index] as Cell;
    // Past half the budget only must-have cells get a line (the others are listed by id).
    if (used > budget / 2 && !isMustHave(cell, context)) continue;
    const summary = summaryCellText(cell, context.status(cell.id));
    if (used + summary.length > budget / 2 && !isMustHave(cell, context)) continue;
    texts[index] = summary;
    used += summary.length + 2;
  }
  for (const index of order) {
    const cell = cells[index] as Cell;
    const summary = texts[index];
    if (summary === null || summary === undefined) continue;
    if (used >= budget && !isMustHave(cell, context)) continue;
    const full = fullCellText(
      cell,
      context.status(cell.id),
      cell.id === context.focusedCellId,
      CONTEXT_LIMITS,
    );
    const extra = full.length - summary.length;
    if (!isMustHave(cell, context) && used + extra > budget) continue;
    texts[index] = full;
    used += extra;
  }
  return joinWithGaps(cells, texts);
}

function isMustHave(cell: Cell, context: NotebookContext): boolean {
  return cell.id === context.focusedCellId || context.status(cell.id) === "error";
}

/** Cells left out entirely become one line per run, naming their ids for read_cell. */
function joinWithGaps(cells: readonly Cell[], texts: ReadonlyArray<string | null>): string {
  const parts: string[] = [];
  let gap: string[] = [];
  const flush = () => {
    if (gap.length === 0) return;
    const ids = gap.slice(0, 20).join(", ") + (gap.length > 20 ? ", ..." : "");
    parts.push(`[${gap.length} cells left out here; read_cell reads them: ${ids}]`);
    gap = [];
  };
  texts.forEach((text, index) => {
    if (text === null) gap.push((cells[index] as Cell).id);
    else {
      flush();
      parts.push(text);
    }
  });
  flush();
  return parts.join("\n\n");
}

/** The user turn: the request, and the notebook and variables inside untrusted-data delimiters. */
export function contextMessage(
  request: string,
  context: NotebookContext,
  variables: NamespaceReply | string | null,
  options: ContextOptions = {},
): string {
  // A fresh tag per request, so text inside cannot close the block by guessing it.
  const tag = `notebook-data-${randomBytes(4).toString("hex")}`;
  return [
    `Notebook: ${plainText(context.path)} (${context.notebook.cells.length} cells)`,
    `<${tag}>`,
    notebookText(context, options),
    "",
    "# Kernel variables",
    variablesText(variables),
    `</${tag}>`,
    "",
    `Request: ${request}`,
  ].join("\n");
}
