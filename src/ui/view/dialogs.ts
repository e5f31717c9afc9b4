// The rows of a question (single-key answers) and of a one-line prompt, shown above the status
// line. A password prompt (getpass) shows no characters at all.

import { sanitize } from "../../terminal/sanitize.js";
import { fitColumns, wrapLine, wrapParts } from "../../terminal/wrap.js";
import type { Overlay } from "../app/overlays.js";
import { bufferText } from "../editor/text-buffer.js";
import { style } from "./style.js";

export function dialogRows(overlay: Overlay | undefined, width: number): string[] {
  if (overlay?.kind === "choice") {
    const answers = overlay.choices.map(
      (choice) => `${style.bold(choice.key)} ${sanitize(choice.label)}`,
    );
    return [
      ...wrapParts(sanitize(overlay.question).split(" "), width).map((row) => style.busy(row)),
      // Many answers (the kernel picker's) wrap between answers, never inside one.
      ...wrapParts([...answers, style.dim("Esc cancels")], width, "   "),
    ];
  }
  if (overlay?.kind === "prompt") {
    const text = bufferText(overlay.buffer);
    const col = overlay.buffer.cursor.col;
    if (overlay.password)
      return [
        fitColumns(
          `${sanitize(overlay.label)}${style.dim("(hidden)")} ${style.inverse(" ")}`,
          width,
        ),
      ];
    const shown = `${sanitize(text.slice(0, col))}${style.inverse(sanitize(text[col] ?? " "))}${sanitize(text.slice(col + 1))}`;
    return wrapLine(`${style.accent(sanitize(overlay.label))}${shown}`, width).slice(-3);
  }
  return [];
}
