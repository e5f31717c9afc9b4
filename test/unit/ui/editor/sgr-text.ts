// Reading SGR-coloured terminal lines in tests.

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is read
const STYLED = /\u001b\[([0-9;]*)m([^\u001b]*)/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is read
export const SGR = /\u001b\[([0-9;]*)m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is sought
export const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

/** The text drawn with SGR parameters matching `params` (e.g. the cursor's "7"), in order. */
export function styled(line: string, params: RegExp): string {
  let out = "";
  for (const m of line.matchAll(STYLED)) if (params.test(m[1] ?? "")) out += m[2];
  return out;
}

/** The parameters of the last SGR sequence in `line`, if any. */
export function lastSgr(line: string): string | undefined {
  return [...line.matchAll(SGR)].at(-1)?.[1];
}
