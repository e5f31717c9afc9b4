// Which lines start inside a construct that spans lines (a Python triple-quoted string, a
// Markdown code fence). Highlighting then works on segments, a line alone or a whole multi-line
// construct, so a keystroke re-highlights one short segment and a string's colour stays right.
// Only lines that hold a triple quote (or a fence) are scanned in detail: the rest cost one test.

/** For each line: 0 when it starts afresh, else the code (in OPENERS) of the construct it
 *  begins inside, so it continues the line above. */
export type Continuations = Uint8Array;

/** Text that opens each construct: put before a piece cut out of one, it restores the context. */
export const OPENERS: readonly string[] = ["", '"""', "'''", "```\n", "~~~\n"];

/** The OPENERS code of an open construct: a triple quote, or a fence by its character. */
function code(open: string | null): number {
  if (!open) return 0;
  if (open === '"""') return 1;
  if (open === "'''") return 2;
  return open[0] === "`" ? 3 : 4;
}

function pythonLine(line: string, open: string | null): string | null {
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

function findClose(line: string, from: number, triple: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line.startsWith(triple, i)) return i;
  }
  return -1;
}

function pythonContinuations(lines: readonly string[]): Continuations {
  const out = new Uint8Array(lines.length);
  let open: string | null = null;
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row] as string;
    out[row] = code(open);
    if (open ? line.includes(open) : line.includes('"""') || line.includes("'''")) {
      open = pythonLine(line, open);
    }
  }
  return out;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function markdownContinuations(lines: readonly string[]): Continuations {
  const out = new Uint8Array(lines.length);
  let fence: string | null = null;
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row] as string;
    out[row] = code(fence);
    const match = line.includes("```") || line.includes("~~~") ? FENCE.exec(line) : null;
    if (!match) continue;
    const marker = match[1] as string;
    if (!fence) fence = marker;
    else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
  }
  return out;
}

/** Continuations for the languages that can be highlighted in segments, else null. */
export function continuations(lines: readonly string[], language: string): Continuations | null {
  if (language === "python") return pythonContinuations(lines);
  if (language === "markdown") return markdownContinuations(lines);
  return null;
}
