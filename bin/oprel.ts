#!/usr/bin/env node
// The oprel command: pick the front end and hand over. Each front end is loaded only when chosen,
// so `oprel run` never loads ink or react and starts fast. All printing goes through the writer,
// which sanitizes (src/terminal/writer.ts).

import { releaseVanishedTerminal } from "../src/terminal/vanished.js";
import { stderr, stdout } from "../src/terminal/writer.js";

const HELP = `Usage:
  oprel NOTEBOOK             open a notebook in the terminal UI
  oprel run [options] NOTEBOOK...
                             run notebooks headless (see 'oprel run --help')
  oprel --version
`;

async function main(argv: string[]): Promise<number> {
  // `oprel run` parses its own flags (src/cli/run-args.ts): its start-up is benchmarked.
  if (argv[0] === "run") {
    const { runMain } = await import("../src/cli/run-main.js");
    return runMain(argv.slice(1));
  }
  const { default: meow } = await import("meow");
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    autoHelp: false,
    autoVersion: false,
    allowUnknownFlags: false,
    flags: {
      help: { type: "boolean", shortFlag: "h" },
      version: { type: "boolean", shortFlag: "v" },
    },
  });
  if (cli.flags.version) {
    stdout().write(`${cli.pkg.version}\n`);
    return 0;
  }
  if (cli.flags.help || cli.input.length === 0) {
    stdout().write(HELP);
    return cli.flags.help ? 0 : 2;
  }
  return openUi(cli.input);
}

/** The terminal UI lives in src/ui; the specifier is a variable so it is resolved only here, at run time. */
async function openUi(argv: string[]): Promise<number> {
  const specifier = "../src/ui/index.js";
  let ui: { main?: (argv: string[]) => Promise<number> };
  try {
    ui = (await import(specifier)) as typeof ui;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
    if (!missing || !String((error as Error).message).includes("src/ui/index.js")) throw error;
    ui = {};
  }
  if (!ui.main) {
    stderr().write(
      "oprel: the interactive terminal UI is not built yet.\n" +
        `Hint: run the notebook headless with 'oprel run ${argv.join(" ")}'.\n`,
    );
    return 2;
  }
  return ui.main(argv);
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
