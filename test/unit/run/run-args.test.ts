import { describe, expect, it } from "vitest";
import { extractParamFlags, parseRunArgs } from "../../../src/cli/run-args.js";
import { isOprelError } from "../../../src/errors.js";
import type { RunOptions } from "../../../src/run/options.js";

function options(argv: string[]): RunOptions {
  const command = parseRunArgs(argv);
  if (command.kind !== "run") throw new Error("expected a run command");
  return command.options;
}

function usageError(argv: string[]): string {
  try {
    parseRunArgs(argv);
  } catch (error) {
    expect(isOprelError(error, "USAGE")).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(" ")}`);
}

describe("parseRunArgs", () => {
  it("has sensible defaults", () => {
    expect(options(["a.ipynb"])).toEqual({
      notebooks: ["a.ipynb"],
      output: undefined,
      outputDir: undefined,
      save: true,
      params: [],
      strictParams: false,
      errorMode: "stop",
      timing: true,
      cellTimeoutMs: undefined,
      notebookTimeoutMs: undefined,
      cwd: undefined,
      python: undefined,
      jobs: 1,
      failFast: false,
      logOutput: false,
      junit: undefined,
      junitCells: false,
      json: undefined,
      debug: false,
    });
  });

  it("reads every option", () => {
    const o = options([
      "--output-dir",
      "out",
      "--strict-params",
      "--continue-on-error",
      "--no-timing",
      "--timeout",
      "1.5",
      "--notebook-timeout",
      "60",
      "--cwd",
      "/tmp",
      "--python",
      "/usr/bin/python3",
      "-j",
      "3",
      "--fail-fast",
      "--log-output",
      "--junit",
      "r.xml",
      "--junit-cells",
      "--json",
      "r.json",
      "--debug",
      "a.ipynb",
      "b.ipynb",
    ]);
    expect(o).toMatchObject({
      notebooks: ["a.ipynb", "b.ipynb"],
      outputDir: "out",
      strictParams: true,
      errorMode: "continue",
      timing: false,
      cellTimeoutMs: 1500,
      notebookTimeoutMs: 60_000,
      cwd: "/tmp",
      python: "/usr/bin/python3",
      jobs: 3,
      failFast: true,
      logOutput: true,
      junit: "r.xml",
      junitCells: true,
      json: "r.json",
      debug: true,
    });
  });

  it("lets --allow-errors win over --continue-on-error", () => {
    expect(options(["--continue-on-error", "--allow-errors", "a.ipynb"]).errorMode).toBe("allow");
  });

  it("reads -o and --no-save", () => {
    expect(options(["-o", "out.ipynb", "a.ipynb"]).output).toBe("out.ipynb");
    expect(options(["--no-save", "a.ipynb"]).save).toBe(false);
  });

  it("keeps parameter flags in command-line order, values starting with a dash included", () => {
    const o = options([
      "-p",
      "a",
      "-1",
      "a.ipynb",
      "-y",
      "b: 2",
      "-r",
      "c",
      "--x",
      "-f",
      "p.yaml",
      "-p",
      "a",
      "2",
    ]);
    expect(o.params).toEqual([
      { kind: "p", name: "a", value: "-1" },
      { kind: "y", text: "b: 2" },
      { kind: "r", name: "c", value: "--x" },
      { kind: "f", path: "p.yaml" },
      { kind: "p", name: "a", value: "2" },
    ]);
    expect(o.notebooks).toEqual(["a.ipynb"]);
  });

  it("accepts papermill's long parameter flags", () => {
    const { params } = extractParamFlags(["--parameters", "a", "1", "--parameters_raw", "b", "2"]);
    expect(params).toEqual([
      { kind: "p", name: "a", value: "1" },
      { kind: "r", name: "b", value: "2" },
    ]);
  });

  it("treats everything after -- as notebooks", () => {
    expect(options(["--", "-p.ipynb"]).notebooks).toEqual(["-p.ipynb"]);
  });

  it("returns help for --help and -h", () => {
    expect(parseRunArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseRunArgs(["-h", "a.ipynb"])).toEqual({ kind: "help" });
  });

  it.each([
    [[], "Give at least one notebook"],
    [["-o", "x.ipynb", "a.ipynb", "b.ipynb"], "more than one notebook"],
    [["-o", "x.ipynb", "--output-dir", "d", "a.ipynb"], "cannot be used together"],
    [["--no-save", "-o", "x.ipynb", "a.ipynb"], "--no-save cannot be combined"],
    [["-p", "a"], "-p needs a name and a value"],
    [["a.ipynb", "-f"], "-f needs a value"],
    [["--timeout", "abc", "a.ipynb"], "--timeout 'abc' is not a positive number"],
    [["--timeout", "0", "a.ipynb"], "not a positive number"],
    [["-j", "1.5", "a.ipynb"], "-j '1.5' is not a positive whole number"],
    [["-j", "0", "a.ipynb"], "not a positive whole number"],
    [["-j", "-1", "a.ipynb"], "-j '-1' is not a positive whole number"],
    [["--jobs", "-2", "a.ipynb"], "-j '-2' is not a positive whole number"],
    [["--timeout", "-1", "a.ipynb"], "--timeout '-1' is not a positive number"],
    [["--notebook-timeout", "-.5", "a.ipynb"], "--notebook-timeout '-.5' is not a positive"],
    [["--memory-limit", "-1", "a.ipynb"], "--memory-limit '-1' is not a size of at least 64M"],
    [["--memory-limit", "99999999T", "a.ipynb"], "is more than any address space"],
    [["--frobnicate", "a.ipynb"], "Unknown option --frobnicate."],
    [["-x", "a.ipynb"], "Unknown option -x."],
    [["--junit-cells", "a.ipynb"], "--junit-cells needs --junit FILE"],
    [["-o", "a", "-o", "b", "a.ipynb"], "only be set once"],
  ])("refuses %j", (argv, message) => {
    expect(usageError(argv as string[])).toContain(message);
  });
});
