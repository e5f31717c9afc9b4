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
  if (!text.includes("\u001b")) return active;
  let state = active;
  for (const match of text.matchAll(SGR)) state = sgrApply(state, match[0], match[1] ?? "");
  return state;
}

/** `state` followed by one SGR sequence with these parameters. */
export function sgrApply(state: string, sequence: string, params: string): string {
  const first = params.split(/[;:]/, 1)[0] ?? "";
  if (/^0*$/.test(first)) return params.includes(";") ? sequence : "";
  const next = state + sequence;
  return next.length > MAX_CARRY
    ? next.slice(next.indexOf("\u001b", next.length - MAX_CARRY))
    : next;
}
