// Errors a user can cause: a code, one plain sentence, and a hint. Stack traces only with --debug.

export type OprelErrorCode =
  | "NOTEBOOK_UNREADABLE"
  | "NOTEBOOK_MALFORMED"
  | "NOTEBOOK_INVALID"
  | "NOTEBOOK_TOO_OLD"
  | "NOTEBOOK_CHANGED_ON_DISK"
  | "SAVE_FAILED"
  | "CELL_NOT_FOUND"
  | "EDIT_INVALID"
  | "INTERPRETER_NOT_FOUND"
  | "KERNEL_START_FAILED"
  | "KERNEL_DEAD"
  | "USAGE"
  | "PARAMETER_INVALID"
  | "KEYMAP_INVALID"
  | "AI_CONFIG_INVALID"
  | "AI_NO_MODEL"
  | "AI_NO_KEY"
  | "AI_UNREACHABLE"
  | "AI_KEY_REFUSED"
  | "AI_MODEL_UNKNOWN"
  | "AI_RATE_LIMITED"
  | "AI_TIMEOUT"
  | "AI_REQUEST_FAILED";

export class OprelError extends Error {
  override readonly name = "OprelError";
  constructor(
    readonly code: OprelErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The message and hint as the user sees them. */
  format(): string {
    return this.hint ? `${this.message}\nHint: ${this.hint}` : this.message;
  }
}

export function isOprelError(error: unknown, code?: OprelErrorCode): error is OprelError {
  return error instanceof OprelError && (code === undefined || error.code === code);
}
