// Which lines start inside a construct that spans lines (a Python triple-quoted string, a
// Markdown code fence). Highlighting then works on segments, a line alone or a whole multi-line
// construct, so a keystroke re-highlights one short segment and a string's colour stays right.
// Only lines that hold a triple quote (or a fence) are scanned in detail: the rest cost one test.
// After an edit only the changed lines are scanned, until the state meets the old one again.

import { changedRange } from "./line-diff.js";

/** For each line: 0 when it starts afresh, else the code (in OPENERS) of the construct it
 *  begins inside, so it continues the line above. */
export type Continuations = Uint8Array;

/** Text that opens each construct: put before a piece cut out of one, it restores the context. */
export const OPENERS: readonly string[] = ["", '"""', "'''", "```\n", "~~~\n"];

/** The state after one line, given the construct open before it (null: none). */
type Step = (line: string, open: string | null) => string | null;

/** The OPENERS code of an open construct: a triple quote, or a fence by its character. */
function code(open: string | null): number {
  if (!open) return 0;
  if (open === '"""') return 1;
  if (open === "'''") return 2;
  return open[0] === "`" ? 3 : 4;
}

function findClose(line: string, from: number, triple: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line.startsWith(triple, i)) return i;
  }
  return -1;
}

function pythonScan(line: string, open: string | null): string | null {
  let state = open;
  let i = 0;
  while (i < line.length) {
    if (state) {
      const close = findClose(line, i, state);
      if (close === -1) return state;
      i = close + 3;
      state = null;
      continue;
    }
    const ch = line[i] as string;
    if (ch === "#") return null;
    if (ch === '"' || ch === "'") {
      const triple = ch.repeat(3);
      if (line.startsWith(triple, i)) {
        state = triple;
        i += 3;
        continue;
      }
      // A one-line string: skip to its closing quote, minding backslash escapes.
      i++;
      while (i < line.length && line[i] !== ch) i += line[i] === "\\" ? 2 : 1;
    }
    i++;
  }
  return state;
}

const pythonStep: Step = (line, open) =>
  (open ? line.includes(open) : line.includes('"""') || line.includes("'''"))
    ? pythonScan(line, open)
    : open;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

const markdownStep: Step = (line, fence) => {
  const match = line.includes("```") || line.includes("~~~") ? FENCE.exec(line) : null;
  if (!match) return fence;
  const marker = match[1] as string;
  if (!fence) return marker;
  return marker[0] === fence[0] && marker.length >= fence.length ? null : fence;
};

const STEPS: Readonly<Record<string, Step>> = { python: pythonStep, markdown: markdownStep };

/** The construct open at the start of `row`, rebuilt from its code. */
function openAt(cont: Continuations, row: number): string | null {
  const opener = OPENERS[cont[row] ?? 0] ?? "";
  return opener === "" ? null : opener.trimEnd();
}

let last: { language: string; lines: readonly string[]; cont: Continuations } | null = null;

/** Continuations for the languages that can be highlighted in segments, else null. */
export function continuations(lines: readonly string[], language: string): Continuations | null {
  const step = STEPS[language];
  if (!step) return null;
  const out = new Uint8Array(lines.length);
  let row = 0;
  let open: string | null = null;
  let old: { lines: readonly string[]; cont: Continuations } | null = null;
  let range = { start: 0, oldEnd: 0, newEnd: 0 };
  if (last?.language === language) {
    old = last;
    range = changedRange(old.lines, lines);
    out.set(old.cont.subarray(0, range.start));
    row = range.start;
    open = openAt(old.cont, row);
  }
  for (; row < lines.length; row++) {
    out[row] = code(open);
    // Past the edit, once the state is what it was there before, the rest is as it was.
    if (old && row >= range.newEnd) {
      const oldRow = row - range.newEnd + range.oldEnd;
      if (old.cont[oldRow] === out[row]) {
        out.set(old.cont.subarray(oldRow), row);
        break;
      }
    }
    open = step(lines[row] as string, open);
  }
  last = { language, lines, cont: out };
  return out;
}
