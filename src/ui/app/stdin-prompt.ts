// input() and getpass() in a cell: a one-line prompt opens under the notebook; getpass hides what
// is typed. Esc answers with an empty line (the cell goes on; Jupyter has no way to refuse either),
// and a cell in a notebook that is not on screen says so in the status line until it is.

import { createTextBuffer } from "../editor/text-buffer.js";
import type { NotebookSession } from "../session/notebook-session.js";
import type { AppStore } from "./app-store.js";

export function askStdin(store: AppStore, session: NotebookSession): void {
  const request = session.stdin;
  if (!request) return;
  if (store.session !== session || store.overlay) {
    store.say(`${session.name} is waiting for input: switch to it to answer.`);
    return;
  }
  store.open({
    kind: "prompt",
    purpose: "stdin",
    label: request.prompt || "input: ",
    buffer: createTextBuffer(""),
    password: request.password,
    submit: (text) => session.answerStdin(text),
    cancel: () => session.answerStdin(""),
  });
}
