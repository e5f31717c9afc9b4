// The one way oprel's command line writes to stdout and stderr. Everything passes the sanitizer
// here, whoever built the text, so no notebook text, file name or option value can reach the
// terminal as a control sequence; colour survives only on a colour terminal. The only control
// code oprel draws itself (erasing its own live lines) is made here too.
// A stream that goes away (a closed pipe: EPIPE; a terminal that hung up: EIO) is not an error:
// what would have been written is dropped, and the run goes on to finish and save.

import { plainText, sanitize } from "./sanitize.js";

export interface TerminalWriter {
  /** A terminal that draws live lines: a TTY, and not TERM=dumb. */
  readonly interactive: boolean;
  readonly colour: boolean;
  columns(): number;
  /** Writes sanitized text, after erasing `eraseLines` lines above the cursor (live lines). */
  write(text: string, eraseLines?: number): void;
}

type Env = Record<string, string | undefined>;

export function terminalWriter(stream: NodeJS.WriteStream, env: Env = process.env): TerminalWriter {
  let gone = false;
  // Without a listener, a failed write is an uncaught exception that ends the run unsaved.
  stream.on("error", () => {
    gone = true;
  });
  const interactive = stream.isTTY === true && env.TERM !== "dumb";
  const colour = interactive && (env.NO_COLOR === undefined || env.NO_COLOR === "");
  return {
    interactive,
    colour,
    columns: () => stream.columns || 80,
    write(text, eraseLines = 0) {
      if (gone || stream.destroyed) return;
      const clean = colour ? sanitize(text, { keepColour: true }) : plainText(text);
      const erase = interactive && eraseLines > 0 ? `\u001b[${eraseLines}F\u001b[J` : "";
      try {
        stream.write(erase + clean);
      } catch {
        gone = true;
      }
    },
  };
}

let out: TerminalWriter | undefined;
let err: TerminalWriter | undefined;

export function stdout(): TerminalWriter {
  out ??= terminalWriter(process.stdout);
  return out;
}

export function stderr(): TerminalWriter {
  err ??= terminalWriter(process.stderr);
  return err;
}
