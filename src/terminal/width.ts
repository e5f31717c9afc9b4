// Display width of text in terminal columns. Wide characters (CJK) take two columns and a
// grapheme cluster (an emoji with joiners, a letter with combining marks) is one unit, so
// cursors, wrapping and table columns line up with what the terminal actually draws.

import stringWidth from "string-width";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Columns the text takes; SGR colour sequences count as zero. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The text split into grapheme clusters, the units a cursor moves over. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Pads with spaces on the right to `width` columns (never truncates). */
export function padEndColumns(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The longest start of the text that fits in `width` columns, cut between grapheme clusters. */
export function truncateColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let used = 0;
  let kept = "";
  for (const unit of graphemes(text)) {
    used += displayWidth(unit);
    if (used > width) break;
    kept += unit;
  }
  return kept;
}
