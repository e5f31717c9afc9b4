// Syntax colour for cell source, as style runs per line (never as escape-laden strings), so the
// layout can wrap, draw the cursor and the selection by string index, and a multi-line string
// can never leave colour switched on past its line: each run belongs to exactly one line.
// cli-highlight does the tokenising; its theme here wraps each token in private markers (control
// characters the source cannot contain, because controls are replaced first at equal length),
// and the markers become runs. Results are cached per segment of source in an LRU.

import { highlight, supportsLanguage, type Theme } from "cli-highlight";
import { LruFamily } from "./lru.js";
import { type Continuations, continuations, OPENERS } from "./multiline.js";

/** A coloured stretch of one line: UTF-16 indices [start, end) and the SGR parameters. */
export interface StyleRun {
  readonly start: number;
  readonly end: number;
  readonly sgr: string;
}

export type LineStyles = readonly StyleRun[];

// The colours, as SGR parameters: the 16 basic colours, which every terminal over SSH has.
const PALETTE: Readonly<Record<string, string>> = {
  keyword: "35",
  built_in: "36",
  type: "36",
  literal: "34",
  number: "33",
  regexp: "31",
  string: "32",
  subst: "39",
  symbol: "33",
  title: "34",
  comment: "90",
  doctag: "90",
  meta: "33",
  section: "1;34",
  bullet: "33",
  code: "32",
  emphasis: "3",
  strong: "1",
  link: "4;36",
  quote: "90",
  addition: "32",
  deletion: "31",
};

const OPEN = "\u000e";
const CLOSE = "\u000f";
const THEME: Theme = Object.fromEntries([
  ["default", (text: string) => text],
  ...Object.keys(PALETTE).map((token) => [
    token,
    (text: string) => `${OPEN}${token}${CLOSE}${text}${OPEN}${CLOSE}`,
  ]),
]);
// A marker, or colour that cli-highlight's own default theme adds for tokens we leave alone.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the markers are control characters
const MARK = /\u000e(\w*)\u000f|\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

const LANGUAGES: Readonly<Record<string, string | null>> = {
  python: "python",
  python3: "python",
  markdown: "markdown",
  plain: null,
  raw: null,
  text: null,
};

/** The highlight.js language for a notebook language name, or null for plain text. */
export function highlightLanguage(language: string | undefined): string | null {
  const name = (language ?? "python").toLowerCase();
  if (name in LANGUAGES) return LANGUAGES[name] ?? null;
  return supportsLanguage(name) ? name : null;
}

/** Style runs for each line of `source`; `prefix` (an opener that restores the context of a
 *  piece cut from a multi-line construct) is highlighted too, then cut off the result. */
function highlightBlock(source: string, language: string, prefix = ""): LineStyles[] {
  const lineCount = source.split("\n").length;
  const plain = (): LineStyles[] => Array.from({ length: lineCount }, () => []);
  // Controls become same-length stand-ins: no marker can be forged and indices stay put.
  const safe = prefix + source.replace(CONTROLS, "\u2400");
  let coloured: string;
  try {
    coloured = highlight(safe, { language, ignoreIllegals: true, theme: THEME });
  } catch {
    return plain();
  }
  const lines: StyleRun[][] = [[]];
  const stack: string[] = [];
  let col = 0;
  let seen = 0;
  const addText = (text: string) => {
    let sgr: string | undefined;
    for (let i = stack.length - 1; i >= 0 && !sgr; i--) sgr = PALETTE[stack[i] as string];
    let at = 0;
    while (at <= text.length) {
      const newline = text.indexOf("\n", at);
      const end = newline === -1 ? text.length : newline;
      if (sgr && end > at) {
        (lines[lines.length - 1] as StyleRun[]).push({ start: col, end: col + end - at, sgr });
      }
      col += end - at;
      if (newline === -1) break;
      col = 0;
      lines.push([]);
      at = newline + 1;
    }
    seen += text.length;
  };
  let last = 0;
  for (const match of coloured.matchAll(MARK)) {
    addText(coloured.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0].startsWith("\u001b")) continue;
    if (match[1]) stack.push(match[1]);
    else stack.pop();
  }
  addText(coloured.slice(last));
  // Anything but the exact source text back means the runs would not line up: draw it plain.
  const prefixLines = prefix.split("\n").length - 1;
  if (seen !== safe.length || lines.length !== lineCount + prefixLines) return plain();
  const out = lines.slice(prefixLines);
  const shift = prefix.length - (prefix.lastIndexOf("\n") + 1);
  if (shift > 0) {
    out[0] = (out[0] as StyleRun[])
      .filter((run) => run.end > shift)
      .map((run) => ({
        start: Math.max(0, run.start - shift),
        end: run.end - shift,
        sgr: run.sgr,
      }));
  }
  return out;
}

// Per language and opener, segment text -> runs, least recently used first. Keyed by the
// segment string itself (its hash is kept on the string), so a lookup builds no new key.
const caches = new LruFamily<LineStyles[]>(20_000);

function cachedBlock(source: string, language: string, prefix = ""): LineStyles[] {
  return caches
    .of(`${language}\u0000${prefix}`)
    .getOrMake(source, () => highlightBlock(source, language, prefix));
}

// A segment (a line, or a multi-line construct) longer than this is highlighted in pieces, each
// after its construct's opener, so an unclosed string at the top of a long cell stays cheap.
const PIECE_LINES = 200;
// Languages without a continuation scan are highlighted whole up to this many lines, else in
// fixed blocks (a multi-line token across a block edge may then be coloured wrongly).
const BLOCK_LINES = 500;

const scans = new WeakMap<readonly string[], { language: string; cont: Continuations | null }>();

function scan(lines: readonly string[], language: string): Continuations | null {
  const known = scans.get(lines);
  if (known?.language === language) return known.cont;
  const cont = continuations(lines, language);
  scans.set(lines, { language, cont });
  return cont;
}

/** Each piece of lines [from, to): where it starts, how many lines, and the opener before it. */
function* pieces(
  lines: readonly string[],
  cont: Continuations | null,
  from: number,
  to: number,
): Generator<{ start: number; end: number; prefix: string }> {
  if (!cont) {
    const size = lines.length <= BLOCK_LINES * 2 ? lines.length : BLOCK_LINES;
    for (let start = Math.floor(from / size) * size; start < to; start += size) {
      yield { start, end: Math.min(lines.length, start + size), prefix: "" };
    }
    return;
  }
  let start = from;
  while (start > 0 && cont[start] && from - start < PIECE_LINES) start--;
  while (start < to) {
    let end = start + 1;
    while (end < lines.length && cont[end] && end - start < PIECE_LINES) end++;
    yield { start, end, prefix: OPENERS[cont[start] ?? 0] ?? "" };
    start = end;
  }
}

/**
 * Style runs for lines [from, to) of a cell, indexed from `from`. Only the segments holding those
 * lines are highlighted, each cached by its text, so drawing a window of a 10,000-line cell (or
 * typing in it) highlights a few lines, not the cell.
 */
export function highlightLines(
  lines: readonly string[],
  language: string | undefined,
  from = 0,
  to = lines.length,
): LineStyles[] {
  const hl = highlightLanguage(language);
  const end = Math.min(to, lines.length);
  if (!hl) return Array.from({ length: Math.max(0, end - from) }, () => []);
  const out: LineStyles[] = [];
  for (const piece of pieces(lines, scan(lines, hl), from, end)) {
    const text = lines.slice(piece.start, piece.end).join("\n");
    const styles = cachedBlock(text, hl, piece.prefix);
    for (let row = Math.max(from, piece.start); row < Math.min(end, piece.end); row++) {
      out.push(styles[row - piece.start] ?? []);
    }
  }
  return out;
}
