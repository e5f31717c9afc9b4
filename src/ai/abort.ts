// Cancellation: the user's Esc (or Ctrl-C) aborts one AbortSignal; everything waiting on the model
// or the user rejects with the same AbortError, which the loop turns into a "cancelled" stop.

export function abortError(): DOMException {
  return new DOMException("The assistant was cancelled.", "AbortError");
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException || error instanceof Error) &&
    (error.name === "AbortError" || error.name === "APIUserAbortError")
  );
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}
