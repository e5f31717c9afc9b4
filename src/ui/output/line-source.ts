// What the output views and the pager read lines from: logical lines (not yet wrapped), each a
// string that may hold SGR colour only and draws correctly on its own.

export interface LineSource {
  /** How many logical lines there are now (it may grow while a cell streams). */
  readonly lineCount: number;
  /** Changes whenever any line changes or is added. */
  readonly version: number;
  /** Lines `start` to `end` (exclusive), clamped to what exists. */
  slice(start: number, end: number): string[];
}
