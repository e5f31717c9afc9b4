// Esc aborts one AbortSignal; whatever waited on it rejects with an AbortError (the SDK's own is
// an APIUserAbortError). Neither is a failure to report.

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException || error instanceof Error) &&
    (error.name === "AbortError" || error.name === "APIUserAbortError")
  );
}
