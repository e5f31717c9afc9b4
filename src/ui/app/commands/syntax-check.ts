// The syntax check runs while the user types, debounced, in the cell's own kernel; the answer is
// kept only if the text is still the one that was checked. Only oprel's worker has the check.

import { bufferText } from "../../editor/text-buffer.js";
import type { NotebookSession } from "../../session/notebook-session.js";

const DEBOUNCE_MS = 400;
const timers = new WeakMap<NotebookSession, NodeJS.Timeout>();

export function scheduleSyntaxCheck(session: NotebookSession): void {
  clearTimeout(timers.get(session));
  const editing = session.editing;
  const cell = session.doc.notebook.cells[session.doc.cursor];
  if (!editing || cell?.cell_type !== "code") return;
  timers.set(
    session,
    setTimeout(() => {
      const kernel = session.kernel.worker; // other kernels have no syntax check
      const now = session.editing;
      if (!kernel || !now) return;
      const revision = now.buffer.revision;
      kernel.checkSyntax(bufferText(now.buffer)).then(
        (reply) => {
          const current = session.editing;
          if (!current || current.buffer.revision !== revision) return;
          session.editing = {
            ...current,
            syntax: reply.ok
              ? undefined
              : { line: reply.line, column: reply.column, message: reply.message },
          };
          session.touch();
        },
        () => undefined, // a busy or dead kernel: no mark, nothing to say
      );
    }, DEBOUNCE_MS),
  );
}
