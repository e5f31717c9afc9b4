// Code that reaches outside Python: shell escapes, shell cell magics and package installs. The user
// must accept these themselves, even with auto-run on.

const LINE =
  /^\s*(?:!|%(?:pip|conda|mamba|uv|sx|system|sc)\b|%%(?:bash|sh|script|system|!|capture\s+!))/;
const CELL = /^\s*%%(?:bash|sh|zsh|script|system|!)/;
// `x = !ls` and `files = %sx ls` run a shell too.
const ASSIGNED = /=\s*(?:!|%(?:sx|system)\b)/;

export function reachesOutside(source: string): boolean {
  if (CELL.test(source)) return true;
  return source.split("\n").some((line) => LINE.test(line) || ASSIGNED.test(line));
}
