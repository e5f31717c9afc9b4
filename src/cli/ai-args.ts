// `oprel ai` command-line parsing: argv in, options out, or a USAGE error. Never exits.

import { parseArgs } from "node:util";
import { OprelError } from "../errors.js";

export interface AiOptions {
  path: string;
  request: string;
  model?: string | undefined;
  apply: boolean;
  run: boolean;
  python?: string | undefined;
  /** A Jupyter kernel by name instead of the notebook's (as `oprel run --kernel`). */
  kernel?: string | undefined;
  /** --gateway URL: the kernel runs on this Jupyter gateway (as `oprel run --gateway`). */
  gateway?: string | undefined;
  cellTimeoutMs?: number | undefined;
  debug: boolean;
}

export type AiCommand = { kind: "help" } | { kind: "ai"; options: AiOptions };

const HINT = "Run 'oprel ai --help' for the options.";

function usage(message: string, hint = HINT): OprelError {
  return new OprelError("USAGE", message, hint);
}

export function parseAiArgs(argv: readonly string[]): AiCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usage(`${(error as Error).message.split("\n")[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  const [path, request, ...extra] = positionals;
  if (!path || request === undefined) {
    throw usage('oprel ai needs a notebook and a request, e.g. oprel ai nb.ipynb "fix the error".');
  }
  if (request.trim() === "") throw usage("The request is empty.");
  if (extra.length > 0) {
    throw usage(
      `Unexpected argument '${extra[0]}'.`,
      'Quote the request as one argument: oprel ai nb.ipynb "load data.csv and plot it".',
    );
  }
  if (values.run && !values.apply) {
    throw usage("--run needs --apply.", "Use --apply --run to apply the edits and run the cells.");
  }
  return {
    kind: "ai",
    options: {
      path,
      request,
      model: values.model,
      apply: values.apply ?? false,
      run: values.run ?? false,
      python: values.python,
      kernel: values.kernel,
      gateway: values.gateway,
      cellTimeoutMs: seconds(values.timeout),
      debug: values.debug ?? false,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: "string" },
      apply: { type: "boolean" },
      run: { type: "boolean" },
      python: { type: "string" },
      kernel: { type: "string" },
      gateway: { type: "string" },
      timeout: { type: "string" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw usage(
      `--timeout '${text}' is not a positive number of seconds.`,
      "For example --timeout 60.",
    );
  }
  return Math.round(value * 1000);
}
