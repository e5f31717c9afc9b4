// The kernel's syntax check answers with a 1-based line and a 1-based column counted in code
// points (Python's SyntaxError.lineno/offset). The layout wants a row and UTF-16 indices.

import { toUtf16 } from "../../kernel/code-points.js";
import { nextBoundary, snapBack } from "./graphemes.js";
import type { ErrorMark } from "./layout.js";

/** The grapheme a syntax error points at (or the line's end, e.g. for an unexpected EOF),
 *  clamped to the text. */
export function markError(
  lines: readonly string[],
  where: { line: number; column: number },
): ErrorMark {
  const row = Math.min(Math.max(0, where.line - 1), lines.length - 1);
  const line = lines[row] ?? "";
  const start = snapBack(line, toUtf16(line, Math.max(0, where.column - 1)));
  return { row, start, end: start < line.length ? nextBoundary(line, start) : start };
}
