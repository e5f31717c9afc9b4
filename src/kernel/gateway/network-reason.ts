// Plain words for why a request to a gateway failed, from the error Node's fetch gives.

/** "connection refused", "no such host", ...: the cause's code, if Node gave one. */
export function networkReason(error: unknown): string {
  let cause: unknown = error;
  let deepest = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    deepest = cause.message || deepest;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ECONNREFUSED") return "connection refused";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "no such host";
    if (code === "ECONNRESET") return "the connection was reset";
    if (cause.name === "TimeoutError" || cause.name === "AbortError") return "no answer in time";
    if (code) return code;
    cause = cause.cause;
  }
  // "fetch failed" says nothing; what failed it ("bad port") does.
  return oneLine(deepest);
}

export function oneLine(text: string): string {
  return text.split("\n")[0]?.trim() || "no details";
}
