// `oprel run`: parse, then hand over to the runner. Returns the exit code.

import { setFlagsFromString } from "node:v8";
import { EXIT } from "../run/exit-codes.js";
import { stderr, stdout } from "../terminal/writer.js";
import { formatError } from "./errors.js";
import { parseRunArgs, RUN_HELP } from "./run-args.js";

/**
 * V8 lets its heap grow to up to four times what is live before collecting it again. A run holding
 * a 100 MB output then peaks near 500 MB, mostly garbage; growing by half keeps the peak near what
 * the notebook needs, for a few more collections (bench/scale.ts measures both).
 */
const HEAP_GROWING_PERCENT = 50;

export async function runMain(argv: readonly string[]): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let command: ReturnType<typeof parseRunArgs>;
  try {
    command = parseRunArgs(argv);
  } catch (error) {
    stderr().write(`${formatError(error, argv.includes("--debug"))}\n`);
    return EXIT.usage;
  }
  if (command.kind === "help") {
    stdout().write(RUN_HELP);
    return EXIT.ok;
  }
  const { runCommand } = await import("../run/command.js");
  return runCommand(command.options);
}
