// Live lines on a terminal; plain lines everywhere else (and on TERM=dumb).

import type { TerminalWriter } from "../../terminal/writer.js";
import { PlainReporter } from "./plain-reporter.js";
import type { Reporter } from "./reporter.js";
import { TtyReporter } from "./tty-reporter.js";

export function createReporter(out: TerminalWriter, logOutput: boolean): Reporter {
  const write = (text: string, eraseLines?: number) => out.write(text, eraseLines);
  if (!out.interactive) return new PlainReporter({ write, logOutput });
  return new TtyReporter({ write, logOutput, colour: out.colour, columns: out.columns });
}
