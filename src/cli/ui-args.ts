// `oprel [options] [NOTEBOOK...]`: the terminal UI's command line.

import { OprelError } from "../errors.js";
import { registryLimit } from "./size.js";

export const UI_HELP = `Usage:
  oprel [options] [NOTEBOOK...]   open notebooks in the terminal UI (a missing file becomes a new notebook)
  oprel run [options] NOTEBOOK... run notebooks headless (see 'oprel run --help')
  oprel ai NOTEBOOK "REQUEST"     ask the assistant; prints its proposal (see 'oprel ai --help')
  oprel report merge JSON...      merge the reports of sharded runs (see 'oprel report --help')
  oprel --version

Options:
  --python PATH           the interpreter for the kernels (default: see README, "Choosing the Python interpreter")
  --kernel NAME           run every notebook in this kernel (ir, python3-jupyter...), not its own
  --gateway URL           run the kernels on this Jupyter server (token: OPREL_GATEWAY_TOKEN)
  --registry-limit SIZE   the largest value %share takes (default 1G)
  --registry-dir DIR      keep shared values in DIR, for later sessions and runs to %fetch
  --debug                 stack traces for oprel's own errors
  -h, --help              this help

In the notebook, press ? for every key.
`;

export type UiCommand =
  | { kind: "help" }
  | { kind: "version" }
  | {
      kind: "open";
      paths: string[];
      python?: string;
      kernelName?: string;
      gateway?: string;
      registryLimitBytes?: number;
      registryDir?: string;
      debug: boolean;
    };

/** The options that take a value, with an example for the error when it is missing. */
const VALUE_OPTIONS = {
  "--python": "--python .venv/bin/python",
  "--kernel": "--kernel ir",
  "--gateway": "--gateway http://127.0.0.1:8888/",
  "--registry-limit": "--registry-limit 4G",
  "--registry-dir": "--registry-dir ~/.cache/oprel-registry",
} as const;

type ValueOption = keyof typeof VALUE_OPTIONS;

export function parseUiArgs(argv: readonly string[]): UiCommand {
  const paths: string[] = [];
  const values: Partial<Record<ValueOption, string>> = {};
  let debug = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const option = Object.keys(VALUE_OPTIONS).find(
      (name) => arg === name || arg.startsWith(`${name}=`),
    ) as ValueOption | undefined;
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "-v" || arg === "--version") return { kind: "version" };
    if (arg === "--debug") debug = true;
    else if (option) {
      const value = arg === option ? argv[++i] : arg.slice(option.length + 1);
      if (!value)
        throw new OprelError(
          "USAGE",
          `${option} needs a value`,
          `For example: ${VALUE_OPTIONS[option]}`,
        );
      values[option] = value;
    } else if (arg === "--") paths.push(...argv.slice(i + 1));
    else if (arg.startsWith("-") && arg !== "-") {
      throw new OprelError("USAGE", `Unknown option ${arg}`, "Run 'oprel --help' for the options.");
    } else paths.push(arg);
    if (arg === "--") break;
  }
  const limit = values["--registry-limit"];
  const registryLimitBytes = limit === undefined ? undefined : registryLimit(limit);
  if (limit !== undefined && registryLimitBytes === undefined)
    throw new OprelError(
      "USAGE",
      `--registry-limit '${limit}' is not a size of at least 1K.`,
      `For example: ${VALUE_OPTIONS["--registry-limit"]}`,
    );
  return {
    kind: "open",
    paths,
    python: values["--python"],
    kernelName: values["--kernel"],
    gateway: values["--gateway"],
    registryLimitBytes,
    registryDir: values["--registry-dir"],
    debug,
  };
}
