// `oprel ai`: parse, then hand over to the headless assistant. Returns the exit code.

import { EXIT } from "../run/exit-codes.js";
import { stderr, stdout } from "../terminal/writer.js";
import { parseAiArgs } from "./ai-args.js";
import { AI_HELP } from "./ai-help.js";
import { formatError } from "./errors.js";

export async function aiMain(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseAiArgs>;
  try {
    command = parseAiArgs(argv);
  } catch (error) {
    stderr().write(`${formatError(error, argv.includes("--debug"))}\n`);
    return EXIT.usage;
  }
  if (command.kind === "help") {
    stdout().write(AI_HELP);
    return EXIT.ok;
  }
  const { aiCommand } = await import("../ai/headless/ai-command.js");
  return aiCommand(command.options);
}
