// SGR colour in text that the sanitizer has already cleaned (so SGR is the only escape left).
// Lines are drawn one by one, each in its own <Text>, so colour that a line leaves switched on
// must be carried to the start of the next line explicitly, as a terminal would.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
const SGR = /\u001b\[([0-9;:]*)m/g;
/** Switches every attribute off. */
export const SGR_RESET = "\u001b[0m";
// Past this many characters of carried sequences the oldest are dropped (a bound, rarely reached).
const MAX_CARRY = 256;

/** The text without its colour sequences. */
export function stripSgr(text: string): string {
  return text.includes("\u001b") ? text.replace(SGR, "") : text;
}

/**
 * The colour in force after `text`, given `active` before it, as the SGR sequences to replay.
 * A reset forgets everything before it, which keeps the carried string short.
 */
export function sgrAfter(active: string, text: string): string {
  // Sanitized text: every ESC [ starts an SGR sequence that ends at the next "m".
  let at = text.indexOf("\u001b[");
  let state = active;
  while (at !== -1) {
    const end = text.indexOf("m", at + 2);
    if (end === -1) break;
    state = sgrApply(state, text.slice(at, end + 1), text.slice(at + 2, end));
    at = text.indexOf("\u001b[", end + 1);
  }
  return state;
}

/** `state` followed by one SGR sequence with these parameters. */
export function sgrApply(state: string, sequence: string, params: string): string {
  // A first parameter of zero (or none) resets everything that came before.
  let i = 0;
  while (params.charCodeAt(i) === 48) i += 1; // "0"
  if (i === params.length) return "";
  const next = params[i];
  if (next === ";" || next === ":") return sequence;
  const carried = state + sequence;
  return carried.length > MAX_CARRY
    ? carried.slice(carried.indexOf("\u001b", carried.length - MAX_CARRY))
    : carried;
}
