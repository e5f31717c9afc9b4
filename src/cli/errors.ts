// How an error reaches the user: an OprelError as its sentence and hint; anything else is a bug
// in oprel, shown with its stack only under --debug.

import { isOprelError } from "../errors.js";

export function formatError(error: unknown, debug: boolean): string {
  if (isOprelError(error)) {
    const text = `oprel: ${error.format()}`;
    return debug && error.stack ? `${text}\n${error.stack}` : text;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const text = `oprel: unexpected error: ${err.message}`;
  return debug
    ? `${text}\n${err.stack ?? ""}`
    : `${text}\nHint: run again with --debug for details, and report it.`;
}
