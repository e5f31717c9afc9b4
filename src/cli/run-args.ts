// `oprel run` command-line parsing: argv in, RunOptions out, or a USAGE error. Never exits.
// meow cannot read two-value flags, so -p/-r (and -f/-y, to keep their order) are taken out first.

import meow from "meow";
import { OprelError } from "../errors.js";
import type { RunOptions } from "../run/options.js";
import type { ParamSource } from "../run/params/sources.js";
import { RUN_HELP } from "./run-help.js";

export type RunCommand = { kind: "help" } | { kind: "run"; options: RunOptions };

const PAIR_FLAGS: Record<string, "p" | "r"> = {
  "-p": "p",
  "--parameters": "p",
  "-r": "r",
  "--parameters_raw": "r",
};
const SINGLE_FLAGS: Record<string, "f" | "y"> = {
  "-f": "f",
  "--parameters_file": "f",
  "-y": "y",
  "--parameters_yaml": "y",
};

const FLAGS = {
  output: { type: "string", shortFlag: "o" },
  outputDir: { type: "string" },
  save: { type: "boolean", default: true },
  strictParams: { type: "boolean", default: false },
  continueOnError: { type: "boolean", default: false },
  allowErrors: { type: "boolean", default: false },
  timing: { type: "boolean", default: true },
  timeout: { type: "string" },
  notebookTimeout: { type: "string" },
  cwd: { type: "string" },
  python: { type: "string" },
  jobs: { type: "string", shortFlag: "j" },
  failFast: { type: "boolean", default: false },
  logOutput: { type: "boolean", default: false },
  junit: { type: "string" },
  junitCells: { type: "boolean", default: false },
  json: { type: "string" },
  debug: { type: "boolean", default: false },
  help: { type: "boolean", shortFlag: "h", default: false },
} as const;

const HINT = "Run 'oprel run --help' for the options.";

function usage(message: string, hint = HINT): OprelError {
  return new OprelError("USAGE", message, hint);
}

/** Takes the parameter flags out of argv, keeping their order. */
export function extractParamFlags(argv: readonly string[]): {
  params: ParamSource[];
  rest: string[];
} {
  const params: ParamSource[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    const pair = PAIR_FLAGS[arg];
    const single = SINGLE_FLAGS[arg];
    if (pair) {
      const name = argv[i + 1];
      const value = argv[i + 2];
      if (name === undefined || value === undefined) {
        throw usage(`${arg} needs a name and a value, as in '${arg} epochs 10'.`);
      }
      params.push({ kind: pair, name, value });
      i += 2;
    } else if (single) {
      const value = argv[i + 1];
      if (value === undefined) {
        throw usage(
          `${arg} needs a value, as in ${single === "f" ? "'-f params.yaml'" : "'-y \"epochs: 10\"'"}.`,
        );
      }
      params.push(single === "f" ? { kind: "f", path: value } : { kind: "y", text: value });
      i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { params, rest };
}

function seconds(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw usage(
      `--${flag} '${text}' is not a positive number of seconds.`,
      `For example --${flag} 60.`,
    );
  }
  return Math.round(value * 1000);
}

function jobs(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw usage(
      `-j '${text}' is not a whole number of notebooks to run at once.`,
      "For example -j 2.",
    );
  }
  return value;
}

function knownFlagNames(): Set<string> {
  const names = new Set<string>(Object.keys(FLAGS));
  for (const spec of Object.values(FLAGS)) if ("shortFlag" in spec) names.add(spec.shortFlag);
  return names;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function parseRunArgs(argv: readonly string[]): RunCommand {
  const { params, rest } = extractParamFlags(argv);
  let cli: ReturnType<typeof meow<typeof FLAGS>>;
  try {
    cli = meow({
      importMeta: import.meta,
      argv: rest,
      flags: FLAGS,
      autoHelp: false,
      autoVersion: false,
      allowUnknownFlags: true,
      help: false,
      description: false,
    });
  } catch (error) {
    // meow's own complaints, e.g. "The flag --output can only be set once."
    throw usage((error as Error).message);
  }
  const known = knownFlagNames();
  const unknown = Object.keys(cli.flags).filter((name) => !known.has(name) && name !== "--");
  if (unknown.length > 0) {
    const name = unknown[0] as string;
    throw usage(`Unknown option ${name.length === 1 ? `-${name}` : `--${kebab(name)}`}.`);
  }
  const f = cli.flags;
  if (f.help) return { kind: "help" };

  const notebooks = cli.input.map(String);
  if (notebooks.length === 0)
    throw usage("Give at least one notebook to run.", "For example: oprel run analysis.ipynb");
  if (f.output !== undefined && notebooks.length > 1) {
    throw usage(
      "-o names one output file, but more than one notebook was given.",
      "Use --output-dir DIR instead.",
    );
  }
  if (f.output !== undefined && f.outputDir !== undefined) {
    throw usage("-o and --output-dir cannot be used together.", "Pick one of them.");
  }
  if (!f.save && (f.output !== undefined || f.outputDir !== undefined)) {
    throw usage(
      "--no-save cannot be combined with -o or --output-dir.",
      "Drop --no-save to write the output.",
    );
  }
  if (f.junitCells && f.junit === undefined) {
    throw usage(
      "--junit-cells needs --junit FILE.",
      "For example: --junit report.xml --junit-cells",
    );
  }
  for (const [flag, value] of [
    ["output", f.output],
    ["output-dir", f.outputDir],
    ["cwd", f.cwd],
    ["python", f.python],
    ["junit", f.junit],
    ["json", f.json],
  ] as const) {
    if (value === "") throw usage(`--${flag} needs a value.`);
  }

  return {
    kind: "run",
    options: {
      notebooks,
      output: f.output,
      outputDir: f.outputDir,
      save: f.save,
      params,
      strictParams: f.strictParams,
      errorMode: f.allowErrors ? "allow" : f.continueOnError ? "continue" : "stop",
      timing: f.timing,
      cellTimeoutMs: seconds("timeout", f.timeout),
      notebookTimeoutMs: seconds("notebook-timeout", f.notebookTimeout),
      cwd: f.cwd,
      python: f.python,
      jobs: jobs(f.jobs),
      failFast: f.failFast,
      logOutput: f.logOutput,
      junit: f.junit,
      junitCells: f.junitCells,
      json: f.json,
      debug: f.debug,
    },
  };
}

export { RUN_HELP };
