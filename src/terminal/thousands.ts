// Counts shown to people, grouped by thousands ("12,345"). One formatter, made once: the
// toLocaleString() it replaces builds a new one per call, which showed in keystroke profiles.

const FORMAT = new Intl.NumberFormat("en-US");

export function thousands(n: number): string {
  return FORMAT.format(n);
}
