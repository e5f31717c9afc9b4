// `oprel run`: parse, then hand over to the runner. Returns the exit code.

import { EXIT } from "../run/exit-codes.js";
import { stderr, stdout } from "../terminal/writer.js";
import { formatError } from "./errors.js";
import { parseRunArgs, RUN_HELP } from "./run-args.js";

export async function runMain(argv: readonly string[]): Promise<number> {
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
