// A short line diff for showing an edit: the common head and tail are kept as context (at most a
// few lines), the changed middle is shown as removed and added lines. Cells are small, so no LCS.

export interface DiffLine {
  kind: " " | "-" | "+";
  text: string;
}

const CONTEXT = 2;

export function lineDiff(before: string, after: string): DiffLine[] {
  const old = before === "" ? [] : before.split("\n");
  const next = after === "" ? [] : after.split("\n");
  let head = 0;
  while (head < old.length && head < next.length && old[head] === next[head]) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < next.length - head &&
    old[old.length - 1 - tail] === next[next.length - 1 - tail]
  )
    tail++;
  const same = (text: string): DiffLine => ({ kind: " ", text });
  return [
    ...old.slice(Math.max(0, head - CONTEXT), head).map(same),
    ...old.slice(head, old.length - tail).map((text): DiffLine => ({ kind: "-", text })),
    ...next.slice(head, next.length - tail).map((text): DiffLine => ({ kind: "+", text })),
    ...old.slice(old.length - tail, old.length - tail + CONTEXT).map(same),
  ];
}
