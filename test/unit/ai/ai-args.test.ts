import { describe, expect, it } from "vitest";
import { parseAiArgs } from "../../../src/cli/ai-args.js";
import { isOprelError } from "../../../src/errors.js";

function usageError(argv: string[]): string {
  try {
    parseAiArgs(argv);
  } catch (error) {
    expect(isOprelError(error, "USAGE")).toBe(true);
    return (error as Error).message;
  }
  return expect.fail("expected a usage error");
}

describe("parseAiArgs", () => {
  it("reads the notebook, the request and the flags", () => {
    expect(
      parseAiArgs(["nb.ipynb", "fix it", "--model", "m", "--apply", "--run", "--timeout", "1.5"]),
    ).toEqual({
      kind: "ai",
      options: {
        path: "nb.ipynb",
        request: "fix it",
        model: "m",
        apply: true,
        run: true,
        python: undefined,
        kernel: undefined,
        cellTimeoutMs: 1500,
        debug: false,
      },
    });
    expect(parseAiArgs(["--help"])).toEqual({ kind: "help" });
    const kernel = parseAiArgs(["nb.ipynb", "x", "--apply", "--run", "--kernel", "ir"]);
    expect(kernel.kind === "ai" && kernel.options.kernel).toBe("ir");
  });

  it("refuses what it cannot do, saying why", () => {
    expect(usageError(["nb.ipynb"])).toContain("needs a notebook and a request");
    expect(usageError(["nb.ipynb", "fix", "it"])).toContain("Unexpected argument 'it'");
    expect(usageError(["nb.ipynb", "fix", "--run"])).toContain("--run needs --apply");
    expect(usageError(["nb.ipynb", "fix", "--timeout", "0"])).toContain("positive number");
    expect(usageError(["nb.ipynb", "fix", "--frobnicate"])).toContain("frobnicate");
    expect(usageError(["nb.ipynb", "  "])).toContain("empty");
  });
});
