// The assistant's few rows above the status line: what it is doing and which keys act, the tail
// of its reply as it streams (only the last rows are ever wrapped, so a long reply costs the same
// per frame as a short one), and its latest notes (an invalid operation, the results, how it ended).

import { sanitize } from "../../terminal/sanitize.js";
import { fitColumns, wrapLine } from "../../terminal/wrap.js";
import type { AssistantState } from "../assistant/assistant-state.js";
import { reviewCounts } from "../assistant/review-state.js";
import { style } from "./style.js";

/** The most rows of reply shown; the panel never takes more than a third of the screen. */
const REPLY_ROWS = 4;
/** The latest notes shown (the results of the last round, then how it ended). */
const NOTE_ROWS = 2;
/** Only this much of the reply's end is looked at per frame. */
const TAIL_CHARS = 4000;

export function assistantRows(
  assistant: AssistantState,
  width: number,
  screenRows: number,
): string[] {
  if (assistant.phase === "idle") return [];
  const room = Math.max(2, Math.floor(screenRows / 3));
  const notes = assistant.notes.slice(-NOTE_ROWS);
  const reply = replyRows(assistant.reply, width, Math.min(REPLY_ROWS, room - 1 - notes.length));
  const rows = [fitColumns(header(assistant), width), ...reply];
  for (const note of notes) rows.push(fitColumns(style.dim(sanitize(note)), width));
  return rows.slice(0, room);
}

function header(assistant: AssistantState): string {
  const title = style.bold(style.accent("Assistant"));
  const round = assistant.round > 1 ? style.dim(` · round ${assistant.round}`) : "";
  const auto = assistant.autoRun ? style.busy(" · auto-run") : "";
  return `${title}${round}${auto} ${style.dim("·")} ${doing(assistant)}`;
}

function doing(assistant: AssistantState): string {
  switch (assistant.phase) {
    case "thinking":
      return style.dim("answering… (Esc stops)");
    case "reviewing": {
      const review = assistant.review;
      const counts = review ? reviewCounts(review) : undefined;
      const at = review ? `${review.cursor + 1}/${review.items.length}` : "";
      const left = counts ? `, ${counts.pending} left` : "";
      // Short enough for 80 columns (j/k and the rest are in the ? list).
      return `${style.bold(`proposal ${at}`)}${style.dim(left)} ${style.dim("· y/n accept/reject, Y/N all, Esc stop")}`;
    }
    case "running":
      return style.busy("applying and running what you accepted… (Esc stops)");
    default:
      return style.dim("finished (Esc closes)");
  }
}

function replyRows(reply: string, width: number, most: number): string[] {
  if (most <= 0) return [];
  const tail = reply.length > TAIL_CHARS ? reply.slice(-TAIL_CHARS) : reply;
  const lines = sanitize(tail).trimEnd().split("\n").slice(-most);
  return lines.flatMap((line) => wrapLine(line, width)).slice(-most);
}
