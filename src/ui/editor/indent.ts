// Python-flavoured indentation rules for the cell editor: what Enter inserts, where Backspace in
// leading spaces stops, and which typed text coalesces into one undo step.

import { isWordText } from "./graphemes.js";
import type { EditKind } from "./history.js";

const UNIT = 4;

/** "python": keep the indent, one more level after ':' or an opening bracket, one less after
 *  return/pass/...;
 *  "keep": keep the indent only (markdown); "none": no indent at all. */
export type AutoIndent = "python" | "keep" | "none";

const BLOCK_END = /^\s*(return|pass|break|continue|raise)\b/;

/** The text Enter inserts when `before` stands before the cursor on its line. */
export function newlineText(before: string, mode: AutoIndent): string {
  if (mode === "none") return "\n";
  const indent = /^[ \t]*/.exec(before)?.[0] ?? "";
  if (mode === "keep") return `\n${indent}`;
  const code = before.replace(/#.*$/, "").trimEnd();
  // A block opens after ':', a continuation after an opening bracket.
  if (/[:([{]$/.test(code)) return `\n${indent}${" ".repeat(UNIT)}`;
  if (BLOCK_END.test(code)) return `\n${indent.slice(0, Math.max(0, indent.length - UNIT))}`;
  return `\n${indent}`;
}

/** Where Backspace stops when only spaces stand before `col`: the previous indent level.
 *  Null when other text stands before the cursor (then one grapheme is deleted). */
export function previousIndentStop(line: string, col: number): number | null {
  if (col === 0 || !/^ +$/.test(line.slice(0, col))) return null;
  return Math.floor((col - 1) / UNIT) * UNIT;
}

/** Typed letters and digits coalesce into one undo step; anything else starts a new one. */
export function editKindOf(text: string): EditKind {
  return isWordText(text) ? "letters" : "other";
}
