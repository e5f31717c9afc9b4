// One cell as terminal rows: the prompt gutter, the focus bar, the source (or the live editor), the
// completion popup or the inspection tooltip, and the tail of the outputs. Rows of cells that did
// not change come from a cache, so a keystroke redraws only the cell it touched.

import { type Cell, cellSource } from "../../notebook/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { displayWidth, padEndColumns } from "../../terminal/width.js";
import { wrapLine } from "../../terminal/wrap.js";
import type { CellMarks, GhostMark } from "../assistant/proposal-layout.js";
import { outputsHidden } from "../document/doc-reducer.js";
import type { Mode } from "../document/doc-state.js";
import type { CellOutputs } from "../output/cell-output.js";
import type { Editing } from "../session/editing.js";
import type { CellRun, LastOutcome } from "../session/run-state.js";
import { editorRows, markdownRows, markdownVersion, outputRows, sourceRows } from "./cell-parts.js";
import { cellPrompt } from "./cell-prompt.js";
import { ghostRows, labelRows, markedBody } from "./proposal-rows.js";
import { BAR, GUTTER_WIDTH, PROMPT_WIDTH, style } from "./style.js";

export interface CellViewInput {
  cell: Cell;
  width: number;
  focused: boolean;
  selected: boolean;
  mode: Mode;
  run: CellRun | undefined;
  outcome: LastOutcome | undefined;
  now: number;
  editing: Editing | undefined;
  /** The most rows the editor may take (the viewport's height). */
  maxRows: number;
  /** The screen's view of a code cell's outputs (kept by the session). */
  outputs: CellOutputs | undefined;
  /** The notebook's language (its kernel's): code cells are highlighted in it. */
  language: string;
  /** The assistant's proposals drawn at this cell, while a round is on screen. */
  marks?: CellMarks;
}

export interface CellView {
  rows: string[];
  /** The row that must stay visible: the editor's cursor, else the first. */
  focusRow: number;
}

const OUTPUT_ROWS = 12;
const FOCUSED_OUTPUT_ROWS = 30;
const POPUP_ROWS = 8;
const TOOLTIP_ROWS = 12;

const cache = new WeakMap<Cell, { key: string; view: CellView }>();

export function renderCell(input: CellViewInput): CellView {
  if (input.marks) return withMarks(input, input.marks);
  if (input.editing) return build(input);
  const key = cacheKey(input);
  const hit = cache.get(input.cell);
  if (hit?.key === key) return hit.view;
  const view = build(input);
  cache.set(input.cell, { key, view });
  return view;
}

function cacheKey(input: CellViewInput): string {
  const { width, focused, selected, mode, run, outcome, language } = input;
  const prompt = cellPrompt(input.cell, run, outcome, input.now);
  const shown = input.outputs?.version ?? markdownVersion(input.cell);
  return `${width}|${focused}|${selected}|${mode}|${prompt.text}|${prompt.tag}|${outcome}|${shown}|${language}`;
}

/** The cell's rows; the first `sourceEnd` of them are its source, before its outputs. */
function build(input: CellViewInput, marked?: string[]): CellView & { sourceEnd: number } {
  const { cell, width, editing } = input;
  const inner = Math.max(10, width - GUTTER_WIDTH);
  const prompt = cellPrompt(cell, input.run, input.outcome, input.now);
  const bar = barFor(input);
  let focusRow = 0;
  let body: string[];
  if (marked) body = marked;
  else if (editing) {
    const edited = editorRows(editing, inner, input.maxRows, cell.cell_type, input.language);
    body = edited.rows;
    focusRow = edited.cursorRow;
    body.push(...extras(editing, inner));
  } else if (cell.cell_type === "markdown" && cellSource(cell).trim() !== "") {
    body = markdownRows(cell, inner);
  } else body = sourceRows(cell, inner, input.language);
  if (body.length === 0) body = [""];
  const rows = body.map((row, index) => {
    const gutter =
      index === 0
        ? promptText(prompt.text, prompt.failed, prompt.running)
        : " ".repeat(PROMPT_WIDTH);
    return `${gutter}${bar} ${row}`;
  });
  if (prompt.tag) rows[0] = withTag(rows[0] as string, prompt.tag, width, prompt.failed);
  // Output gets what is left of the screen under the source, so a focused cell's last output line
  // (its result, its error) is on screen even at 80x24.
  const room = Math.max(3, input.maxRows - rows.length - 2);
  const sourceEnd = rows.length;
  rows.push(...outputsOf(input, inner, room));
  rows.push("");
  return { rows, focusRow, sourceEnd };
}

function barFor(input: CellViewInput): string {
  if (input.focused) return input.mode === "edit" ? style.editBar(BAR) : style.commandBar(BAR);
  if (input.selected) return style.commandBar(style.dim(BAR));
  return " ";
}

function promptText(text: string, failed: boolean, running: boolean): string {
  const padded = text.padStart(PROMPT_WIDTH - 1).padEnd(PROMPT_WIDTH);
  if (failed) return style.error(padded);
  if (running) return style.busy(padded);
  return style.dim(padded);
}

/**
 * A cell with proposals on it: its source as the proposal would change it, a label row per
 * proposal, a run marker on its prompt, and the ghosts of new cells before or after it. The focus
 * row is the proposal under the review cursor, so the viewport follows the review.
 */
function withMarks(input: CellViewInput, marks: CellMarks): CellView {
  const inner = Math.max(10, input.width - GUTTER_WIDTH);
  const pad = " ".repeat(GUTTER_WIDTH);
  const { rows, sourceEnd } = build(input, markedBody(input.cell, marks.on, inner));
  if (marks.on.some(({ item }) => item.proposal.op.op === "exec_cell"))
    rows[0] = withTag(rows[0] as string, "▶ run proposed", input.width, false);
  rows.splice(sourceEnd, 0, ...labelRows(marks.on, inner).map((row) => pad + row));
  const current = marks.on.findIndex((mark) => mark.current);
  const out: string[] = [];
  let focusRow: number | undefined;
  const addGhosts = (ghosts: readonly GhostMark[]) => {
    for (const { ghost, marks: on } of ghosts) {
      if (ghost.current || on.some((mark) => mark.current)) focusRow = out.length;
      out.push(...ghostRows(ghost, on, input.width, GUTTER_WIDTH));
    }
  };
  addGhosts(marks.ghostsBefore);
  if (current !== -1) focusRow = out.length + sourceEnd + current;
  out.push(...rows);
  addGhosts(marks.ghostsAfter);
  return { rows: out, focusRow: focusRow ?? 0 };
}

/** Puts a short tag at the right end of a row, cutting the row if it must. */
function withTag(row: string, tag: string, width: number, failed: boolean): string {
  const room = width - displayWidth(tag) - 2;
  const cut = wrapLine(row, Math.max(1, room))[0] ?? "";
  const painted = failed ? style.error(tag) : style.dim(tag);
  return `${padEndColumns(cut, room)}  ${painted}`;
}

function outputsOf(input: CellViewInput, inner: number, room: number): string[] {
  const { cell } = input;
  if (cell.cell_type !== "code" || cell.outputs.length === 0) return [];
  const pad = " ".repeat(GUTTER_WIDTH);
  if (outputsHidden(cell)) return [pad + style.dim("⋯ output hidden (o shows it)")];
  if (!input.outputs) return [];
  const most = input.focused ? FOCUSED_OUTPUT_ROWS : OUTPUT_ROWS;
  // One row less than the room: a capped window adds its "more lines" note on top.
  const rows = outputRows(input.outputs, inner, Math.min(most, room - 1));
  return rows.map((row) => pad + row);
}

/** The completion popup and the inspection tooltip, under the editor. */
function extras(editing: Editing, inner: number): string[] {
  const rows: string[] = [];
  const completion = editing.completion;
  if (completion) {
    const first = Math.max(
      0,
      Math.min(completion.selected - POPUP_ROWS + 1, completion.matches.length - POPUP_ROWS),
    );
    const shown = completion.matches.slice(first, first + POPUP_ROWS);
    const widest = Math.min(inner - 2, Math.max(...shown.map((match) => displayWidth(match))) + 2);
    shown.forEach((match, offset) => {
      const text = padEndColumns(` ${sanitize(match)}`, widest).slice(0, widest);
      rows.push(first + offset === completion.selected ? style.inverse(text) : style.accent(text));
    });
    if (completion.matches.length > POPUP_ROWS)
      rows.push(style.dim(` ${completion.selected + 1}/${completion.matches.length}`));
  }
  if (editing.tooltip) {
    const lines = sanitize(editing.tooltip, { keepColour: true }).split("\n");
    const wrapped = lines.flatMap((line) => wrapLine(line, inner - 2)).slice(0, TOOLTIP_ROWS);
    rows.push(...wrapped.map((line) => `${style.dim("│")} ${line}`));
  }
  if (editing.syntax) {
    const { line, column, message } = editing.syntax;
    rows.push(style.error(`✗ ${sanitize(message)} (line ${line}, column ${column})`));
  }
  return rows;
}
