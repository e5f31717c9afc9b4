// The assistant's proposals drawn at the cells they touch: an edit as a coloured line diff of the
// source, a deletion struck through, a run as a marker, a new cell as a dim ghost marked
// "+ proposed", each with a label row saying what and why (the one under the review cursor
// highlighted). Model text is untrusted: it goes through the sanitizer like any source.

import type { ReviewedOperation } from "../../ai/contract.js";
import { type Cell, cellSource } from "../../notebook/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { wrapLine } from "../../terminal/wrap.js";
import type { MarkedItem } from "../assistant/proposal-layout.js";
import type { Decision } from "../assistant/review-state.js";
import { changedRange } from "../editor/line-diff.js";
import { renderSourceLines } from "../editor/source-lines.js";
import { PROMPT_WIDTH, style } from "./style.js";

/** Unchanged lines kept around a change in a diff. */
const CONTEXT = 2;
const GHOST_ROWS = 20;

const BADGE: Record<Decision, string> = {
  pending: "?",
  accepted: "✓",
  rejected: "✗",
  conflict: "!",
};

const WORD: Record<ReviewedOperation["op"], string> = {
  add_cell: "+ proposed",
  edit_cell: "edit",
  replace_in_cell: "edit",
  delete_cell: "delete",
  move_cell: "move",
  exec_cell: "▶ run",
};

/** The source an edit would leave, or undefined when its `old` text does not occur exactly once. */
export function proposedSource(op: ReviewedOperation, source: string): string | undefined {
  if (op.op === "edit_cell") return op.source;
  if (op.op !== "replace_in_cell") return undefined;
  const parts = source.split(op.old);
  // split/join, not replace(): "$&" in the new text must stay literal.
  return parts.length === 2 ? parts.join(op.new) : undefined;
}

/**
 * The body of a cell with proposals on it, or undefined to draw its source as usual: the edits of
 * one answer in order (a replace may act on the text an earlier edit left), as one diff.
 */
export function markedBody(
  cell: Cell,
  marks: readonly MarkedItem[],
  width: number,
): string[] | undefined {
  const source = cellSource(cell);
  let next: string | undefined;
  for (const { item } of marks) next = proposedSource(item.proposal.op, next ?? source) ?? next;
  if (next !== undefined) return diffRows(source, next, width);
  if (marks.some(({ item }) => item.proposal.op.op === "delete_cell"))
    return struckRows(source, width);
  return undefined;
}

/** A line diff: a little unchanged context, removed lines red with "-", added lines green with "+". */
export function diffRows(before: string, after: string, width: number): string[] {
  const old = before.split("\n");
  const next = after.split("\n");
  const { start, oldEnd, newEnd } = changedRange(old, next);
  const rows: string[] = [];
  const line = (prefix: string, text: string, paint: (text: string) => string) => {
    for (const row of wrapLine(`${prefix}${sanitize(text)}`, width)) rows.push(paint(row));
  };
  const skipped = (count: number) => {
    if (count > 0) rows.push(style.dim(`  ⋯ ${count} unchanged line${count === 1 ? "" : "s"}`));
  };
  const from = Math.max(0, start - CONTEXT);
  skipped(from);
  for (let i = from; i < start; i++) line("  ", old[i] ?? "", style.dim);
  for (let i = start; i < oldEnd; i++) line("- ", old[i] ?? "", style.error);
  for (let i = start; i < newEnd; i++) line("+ ", next[i] ?? "", style.ok);
  const to = Math.min(old.length, oldEnd + CONTEXT);
  for (let i = oldEnd; i < to; i++) line("  ", old[i] ?? "", style.dim);
  skipped(old.length - to);
  return rows;
}

function struckRows(source: string, width: number): string[] {
  return plainRows(source, width).map((row) => style.error(style.strike(row)));
}

function plainRows(source: string, width: number, maxRows?: number): string[] {
  return renderSourceLines(source, width, "python", { colour: false, maxRows });
}

/** One row per proposal on a cell: its badge, what it does and why. */
export function labelRows(marks: readonly MarkedItem[], width: number): string[] {
  return marks.map((mark) => labelRow(mark, width));
}

function labelRow({ item, current, detail }: MarkedItem, width: number): string {
  const { op } = item.proposal;
  const why = "why" in op ? sanitize(op.why).replace(/\s+/g, " ").trim() : "";
  const status = item.decision === "conflict" ? " (conflict: the cell changed)" : "";
  const what = detail ? `${WORD[op.op]} ${sanitize(detail)}` : WORD[op.op];
  const text = `${BADGE[item.decision]} ${what}${status}${why ? ` · ${why}` : ""}`;
  const row = wrapLine(` ${text} `, width)[0] ?? "";
  if (current) return style.inverse(row);
  if (item.decision === "rejected") return style.dim(row);
  return item.decision === "conflict" ? style.busy(row) : style.accent(row);
}

/** A new cell the assistant proposes, dim, with its own marks (a run of it) under it. */
export function ghostRows(
  ghost: MarkedItem,
  marks: readonly MarkedItem[],
  width: number,
  gutterWidth: number,
): string[] {
  const { op } = ghost.item.proposal;
  if (op.op !== "add_cell") return [];
  const gutter = style.dim("+".padStart(PROMPT_WIDTH - 2).padEnd(PROMPT_WIDTH));
  const pad = " ".repeat(gutterWidth);
  const source = plainRows(op.source, width - gutterWidth, GHOST_ROWS);
  const label = labelRow(ghost, width - gutterWidth);
  const kind = op.cell_type === "markdown" ? style.dim("  (markdown)") : "";
  return [
    pad + label + kind,
    ...source.map((row) => `${gutter}${style.dim("┆")} ${style.dim(row)}`),
    ...labelRows(marks, width - gutterWidth).map((row) => pad + row),
    "",
  ];
}
