// `oprel run` command-line parsing: argv in, RunOptions out, or a USAGE error. Never exits.
// Two-value flags (-p/-r) are taken out first, with -f/-y, to keep their order. node:util's parseArgs
// reads the rest: meow costs about 50 ms of start-up, and the headless path's start-up is benchmarked.

import { parseArgs } from "node:util";
import { OprelError } from "../errors.js";
import type { RunOptions } from "../run/options.js";
import type { ParamSource } from "../run/params/sources.js";
import type { Shard } from "../run/shard.js";
import { RUN_HELP } from "./run-help.js";
import { parseSize, registryLimit } from "./size.js";

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
  output: { type: "string", short: "o" },
  "output-dir": { type: "string" },
  "no-save": { type: "boolean" },
  "strict-params": { type: "boolean" },
  "continue-on-error": { type: "boolean" },
  "allow-errors": { type: "boolean" },
  "no-timing": { type: "boolean" },
  timeout: { type: "string" },
  "notebook-timeout": { type: "string" },
  cwd: { type: "string" },
  python: { type: "string" },
  kernel: { type: "string" },
  gateway: { type: "string" },
  "memory-limit": { type: "string" },
  "max-output": { type: "string" },
  "registry-limit": { type: "string" },
  "registry-dir": { type: "string" },
  jobs: { type: "string", short: "j" },
  "fail-fast": { type: "boolean" },
  "log-output": { type: "boolean" },
  junit: { type: "string" },
  "junit-cells": { type: "boolean" },
  json: { type: "string" },
  shard: { type: "string" },
  "shard-durations": { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
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
    } else if (takesValue(arg) && /^-[\d.]/.test(argv[i + 1] ?? "")) {
      // parseArgs reads "-1" as an option; a negative number is a value, refused for its sign.
      rest.push(arg.startsWith("--") ? `${arg}=${argv[i + 1]}` : `${arg}${argv[i + 1]}`);
      i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { params, rest };
}

/** Whether the flag (long, or short as -j) needs a value. */
function takesValue(arg: string): boolean {
  return Object.entries(FLAGS).some(
    ([name, flag]) =>
      flag.type === "string" &&
      (arg === `--${name}` || ("short" in flag && arg === `-${flag.short}`)),
  );
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

/** --registry-limit SIZE. */
function registrySize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = registryLimit(text);
  if (value === undefined)
    throw usage(
      `--registry-limit '${text}' is not a size of at least 1K.`,
      "For example --registry-limit 4G.",
    );
  return value;
}

/** --max-output: how much output one cell keeps; at least 1K, so the note has room. */
function outputSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseSize(text);
  if (!Number.isFinite(value) || value < 1024) {
    throw usage(
      `--max-output '${text}' is not a size of at least 1K.`,
      "For example --max-output 500M.",
    );
  }
  return Math.floor(value);
}

/** A memory limit: "4G", "512M", "1.5G" or a plain number of bytes. */
function bytes(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseSize(text);
  // Below ~64 MB no Python can even start; refuse it rather than fail obscurely.
  if (!Number.isFinite(value) || value < 64 * 2 ** 20) {
    throw usage(`--${flag} '${text}' is not a size of at least 64M.`, `For example --${flag} 4G.`);
  }
  // Past this a byte count is no longer exact; it is far past any machine's address space anyway.
  if (value > Number.MAX_SAFE_INTEGER) {
    throw usage(
      `--${flag} '${text}' is more than any address space (the most is 8192T).`,
      `For example --${flag} 4G.`,
    );
  }
  return Math.floor(value);
}

function jobs(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw usage(
      `-j '${text}' is not a positive whole number of notebooks to run at once.`,
      "For example -j 2.",
    );
  }
  return value;
}

/** --shard i/n: the i-th (from 1) of n shares. */
function shard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const hint = "For example --shard 2/4 runs the second of four shares.";
  if (!match) throw usage(`--shard '${text}' is not of the form i/n.`, hint);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (index < 1 || index > count)
    throw usage(`--shard '${text}' names no share: i must be from 1 to n.`, hint);
  return { index, count };
}

export function parseRunArgs(argv: readonly string[]): RunCommand {
  const { params, rest } = extractParamFlags(argv);
  const parseOptions = {
    args: rest,
    options: FLAGS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof parseOptions>>;
  try {
    parsed = parseArgs(parseOptions);
  } catch (error) {
    throw usage(plainParseError(error as Error));
  }
  refuseRepeatedValues(parsed.tokens);
  const v = parsed.values;
  if (v.help) return { kind: "help" };
  const f = {
    output: v.output,
    outputDir: v["output-dir"],
    save: !v["no-save"],
    strictParams: v["strict-params"] === true,
    continueOnError: v["continue-on-error"] === true,
    allowErrors: v["allow-errors"] === true,
    timing: !v["no-timing"],
    timeout: v.timeout,
    notebookTimeout: v["notebook-timeout"],
    cwd: v.cwd,
    python: v.python,
    kernel: v.kernel,
    gateway: v.gateway,
    memoryLimit: v["memory-limit"],
    maxOutput: v["max-output"],
    registryLimit: v["registry-limit"],
    registryDir: v["registry-dir"],
    jobs: v.jobs,
    failFast: v["fail-fast"] === true,
    logOutput: v["log-output"] === true,
    junit: v.junit,
    junitCells: v["junit-cells"] === true,
    json: v.json,
    shard: v.shard,
    shardDurations: v["shard-durations"],
    debug: v.debug === true,
  };

  const notebooks = parsed.positionals;
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
  if (f.shardDurations !== undefined && f.shard === undefined) {
    throw usage(
      "--shard-durations needs --shard i/n.",
      "For example: --shard 2/4 --shard-durations last-run.json",
    );
  }
  for (const [flag, value] of [
    ["output", f.output],
    ["output-dir", f.outputDir],
    ["cwd", f.cwd],
    ["python", f.python],
    ["kernel", f.kernel],
    ["gateway", f.gateway],
    ["junit", f.junit],
    ["json", f.json],
    ["registry-dir", f.registryDir],
    ["shard-durations", f.shardDurations],
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
      kernel: f.kernel,
      gateway: f.gateway,
      memoryLimitBytes: bytes("memory-limit", f.memoryLimit),
      maxOutput: outputSize(f.maxOutput),
      registryLimitBytes: registrySize(f.registryLimit),
      registryDir: f.registryDir,
      jobs: jobs(f.jobs),
      failFast: f.failFast,
      logOutput: f.logOutput,
      junit: f.junit,
      junitCells: f.junitCells,
      json: f.json,
      shard: shard(f.shard),
      shardDurations: f.shardDurations,
      debug: f.debug,
    },
  };
}

/** A value flag given twice is a mistake worth saying, not a silent "last one wins". */
function refuseRepeatedValues(tokens: readonly { kind: string; name?: string; value?: string }[]) {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.name === undefined || token.value === undefined) continue;
    if (seen.has(token.name)) throw usage(`--${token.name} can only be set once.`);
    seen.add(token.name);
  }
}

/** parseArgs explains itself at length and mentions "--" tricks; one plain sentence is enough. */
function plainParseError(error: Error): string {
  const option = /'(-{1,2}[^'\s,]+)/.exec(error.message)?.[1];
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `Unknown option ${option}.`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /argument missing/.test(error.message)
      ? `${option} needs a value.`
      : `${option} takes no value.`;
  }
  return error.message.split("\n")[0] ?? error.message;
}

export { RUN_HELP };
