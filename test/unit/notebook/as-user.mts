// Runs one notebook operation in its own process, so a test can run it as an unprivileged user
// (root ignores file permissions). Usage: as-user.mts load|save PATH. Prints the OprelError's code
// and message as JSON, or {"ok": true}.

import { isOprelError } from "../../../src/errors.js";
import { loadNotebook } from "../../../src/notebook/read.js";
import { saveNotebook } from "../../../src/notebook/save.js";

const [operation, path = ""] = process.argv.slice(2);
try {
  if (operation === "load") await loadNotebook(path);
  else await saveNotebook(path, { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  if (!isOprelError(error)) throw error;
  console.log(JSON.stringify({ code: error.code, message: error.message, hint: error.hint }));
}
