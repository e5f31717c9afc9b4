// Search matches shown in reverse video inside a line that may carry its own SGR colour. Matching
// is on the text without colour, so a match may span colour changes; a colour change inside a
// match (even a reset) does not end the highlight.

import { matcherCase } from "./match-case.js";

export interface HighlightStyle {
  on: string;
  off: string;
}

export const MATCH_STYLE: HighlightStyle = { on: "\u001b[7m", off: "\u001b[27m" };
/** The match the pager jumped to: underlined as well. */
export const CURRENT_MATCH_STYLE: HighlightStyle = { on: "\u001b[7;4m", off: "\u001b[27;24m" };

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
const SGR_SPLIT = /(\u001b\[[0-9;:]*m)/;

export function highlightMatches(
  line: string,
  query: string,
  style: HighlightStyle = MATCH_STYLE,
): string {
  if (query === "") return line;
  const parts = line.split(SGR_SPLIT); // text, sgr, text, sgr, ..., text
  const plain = parts.filter((_, i) => i % 2 === 0).join("");
  const ranges = matchRanges(plain, query);
  if (ranges.length === 0) return line;
  let out = "";
  let base = 0; // where the current text part starts in `plain`
  let r = 0; // the next range to open or close
  let inside = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 1) {
      // The line's own colour change: the highlight goes on after it.
      out += inside ? part + style.on : part;
      continue;
    }
    let from = 0;
    for (let range = ranges[r]; range !== undefined; range = ranges[r]) {
      const boundary = (inside ? range[1] : range[0]) - base;
      if (boundary > part.length) break;
      out += part.slice(from, boundary) + (inside ? style.off : style.on);
      from = boundary;
      if (inside) r += 1;
      inside = !inside;
    }
    out += part.slice(from);
    base += part.length;
  }
  return out;
}

/** Start and end of each match in `plain`, not overlapping. */
export function matchRanges(plain: string, query: string): [number, number][] {
  const { haystack, needle } = matcherCase(plain, query);
  const ranges: [number, number][] = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  )
    ranges.push([at, at + needle.length]);
  return ranges;
}
