// The marker left of a code cell, as Jupyter draws it, plus what a terminal notebook needs to
// say: [12] ran, [*] running (with its elapsed time), [q3] third in the queue, [ ] never run,
// and a failed cell marked in red with "!" (so it reads without colour too).

export type CellRunState = "idle" | "queued" | "running";

export interface CellPromptInput {
  executionCount: number | null;
  state: CellRunState;
  /** 1-based position in the notebook's queue, for a queued cell. */
  queuePosition?: number;
  /** When the running cell started (ms, same clock as `now`). */
  startedAt?: number;
  now?: number;
  /** The last run failed (error, timeout, dead kernel). */
  failed?: boolean;
  /** Colour the marker with SGR (default true). */
  colour?: boolean;
}

const STYLE = { running: "33", queued: "36", failed: "31", idle: "2" } as const;

export function cellPrompt(input: CellPromptInput): string {
  const { state } = input;
  let text: string;
  let style: keyof typeof STYLE | undefined;
  if (state === "running") {
    const elapsed =
      input.startedAt !== undefined && input.now !== undefined
        ? ` ${formatElapsed(input.now - input.startedAt)}`
        : "";
    text = `[*]${elapsed}`;
    style = "running";
  } else if (state === "queued") {
    text = input.queuePosition !== undefined ? `[q${input.queuePosition}]` : "[q]";
    style = "queued";
  } else {
    text = `[${input.executionCount ?? " "}]`;
    if (input.failed) {
      text += "!";
      style = "failed";
    } else if (input.executionCount === null) style = "idle";
  }
  if (input.colour === false || style === undefined) return text;
  return `\u001b[${STYLE[style]}m${text}\u001b[0m`;
}

/** 0.4s, 12s, 1m05s, 2h03m: short, and steady in width within each range. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
