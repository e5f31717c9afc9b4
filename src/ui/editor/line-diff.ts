// Per-line facts about a cell (visual rows, open strings) are recomputed on every keystroke,
// usually for a new line array that differs from the last one in a line or two. Comparing the
// arrays (unchanged lines are the same string, so === is one pointer test) finds that range, and
// only it is recomputed: a 10,000-line cell then costs a pointer scan, not a text scan.

/** Lines [start, oldEnd) of `old` became lines [start, newEnd) of `next`; the rest is equal. */
export interface ChangedRange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Works for any array compared by identity (also the cells of two notebooks). */
export function changedRange<T>(old: readonly T[], next: readonly T[]): ChangedRange {
  const shorter = Math.min(old.length, next.length);
  let start = 0;
  while (start < shorter && old[start] === next[start]) start++;
  let oldEnd = old.length;
  let newEnd = next.length;
  while (oldEnd > start && newEnd > start && old[oldEnd - 1] === next[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}
