// When the terminal goes away (its SSH connection dropped, its tmux session killed), Node's own
// exit code still restores the terminal's settings on stdin, stdout and stderr, fails with EIO and
// aborts, so the exit code is lost. Putting /dev/null in place of a terminal that is gone makes
// Node skip it (it restores only the files it started with).

import { closeSync, openSync } from "node:fs";
import { isatty } from "node:tty";

const STDIO = [0, 1, 2];
const startedOnTerminal = STDIO.map((fd) => isatty(fd));

/** Call just before exiting: nothing may be opening files meanwhile, or it could take the number. */
export function releaseVanishedTerminal(): void {
  for (const fd of STDIO) {
    // A hung-up terminal answers every terminal request with EIO: it is no longer a TTY.
    if (!startedOnTerminal[fd] || isatty(fd)) continue;
    try {
      closeSync(fd);
      const replacement = openSync("/dev/null", "r+");
      // Another number means a lower one was free; leaving fd closed is just as safe for Node.
      if (replacement !== fd) closeSync(replacement);
    } catch {
      // Nothing better to do on the way out.
    }
  }
}
