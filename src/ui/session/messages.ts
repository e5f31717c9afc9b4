// Errors as one line for the status bar: the sentence and its hint, never a stack trace.

import { OprelError } from "../../errors.js";

export function oneLine(error: unknown): string {
  if (error instanceof OprelError)
    return error.hint ? `${error.message}. ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
