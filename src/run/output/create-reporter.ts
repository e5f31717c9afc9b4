// Live lines on a terminal; plain lines everywhere else (and on TERM=dumb).

import { PlainReporter } from "./plain-reporter.js";
import type { Reporter } from "./reporter.js";
import { TtyReporter } from "./tty-reporter.js";

export function createReporter(
  stream: NodeJS.WriteStream,
  logOutput: boolean,
  env = process.env,
): Reporter {
  const write = (text: string) => {
    stream.write(text);
  };
  if (!stream.isTTY || env.TERM === "dumb") return new PlainReporter({ write, logOutput });
  const colour = env.NO_COLOR === undefined || env.NO_COLOR === "";
  return new TtyReporter({ write, logOutput, colour, columns: () => stream.columns || 80 });
}
