#!/usr/bin/env node
// The oprel command: pick the front end and hand over. Each front end is loaded only when chosen,
// so `oprel run` never loads ink or react and starts fast. All printing goes through the writer,
// which sanitizes (src/terminal/writer.ts).

import { releaseVanishedTerminal } from "../src/terminal/vanished.js";
import { stderr } from "../src/terminal/writer.js";

async function main(argv: string[]): Promise<number> {
  // `oprel run` parses its own flags (src/cli/run-args.ts): its start-up is benchmarked.
  if (argv[0] === "run") {
    const { runMain } = await import("../src/cli/run-main.js");
    return runMain(argv.slice(1));
  }
  // `oprel ai` never loads the terminal UI either (src/cli/ai-args.ts).
  if (argv[0] === "ai") {
    const { aiMain } = await import("../src/cli/ai-main.js");
    return aiMain(argv.slice(1));
  }
  if (argv[0] === "report") {
    const { reportMain } = await import("../src/cli/report-main.js");
    return reportMain(argv.slice(1));
  }
  const { main: uiMain } = await import("../src/ui/index.js");
  return uiMain(argv);
}

main(process.argv.slice(2)).then(
  // Exit at once: nothing may keep a CI job waiting once the work and the reports are done.
  (code) => {
    releaseVanishedTerminal();
    process.exit(code);
  },
  (error: unknown) => {
    stderr().write(
      `oprel: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    releaseVanishedTerminal();
    process.exit(1);
  },
);
