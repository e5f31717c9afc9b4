// `oprel [options] [NOTEBOOK...]`: the terminal UI's command line.

import { OprelError } from "../errors.js";

export const UI_HELP = `Usage:
  oprel [options] [NOTEBOOK...]   open notebooks in the terminal UI (a missing file becomes a new notebook)
  oprel run [options] NOTEBOOK... run notebooks headless (see 'oprel run --help')
  oprel --version

Options:
  --python PATH   the interpreter for the kernels (default: see README, "Choosing the Python interpreter")
  --debug         stack traces for oprel's own errors
  -h, --help      this help

In the notebook, press ? for every key.
`;

export type UiCommand =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "open"; paths: string[]; python?: string; debug: boolean };

export function parseUiArgs(argv: readonly string[]): UiCommand {
  const paths: string[] = [];
  let python: string | undefined;
  let debug = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "-v" || arg === "--version") return { kind: "version" };
    if (arg === "--debug") debug = true;
    else if (arg === "--python" || arg.startsWith("--python=")) {
      const value = arg === "--python" ? argv[++i] : arg.slice("--python=".length);
      if (!value)
        throw new OprelError(
          "USAGE",
          "--python needs a path",
          "For example: --python .venv/bin/python",
        );
      python = value;
    } else if (arg === "--") paths.push(...argv.slice(i + 1));
    else if (arg.startsWith("-") && arg !== "-") {
      throw new OprelError("USAGE", `Unknown option ${arg}`, "Run 'oprel --help' for the options.");
    } else paths.push(arg);
    if (arg === "--") break;
  }
  return { kind: "open", paths, python, debug };
}
