import { describe, expect, it } from "vitest";
import { cellVerdict, type VerdictInput } from "../../../src/run/cell-verdict.js";

const boom = { ename: "ValueError", evalue: "bad", traceback: ["ValueError: bad"] };
const base: VerdictInput = {
  status: "ok",
  error: undefined,
  expectRaise: false,
  errorMode: "stop",
  notebookTimedOut: false,
  stopping: false,
};

describe("cellVerdict", () => {
  it("passes a cell that ran, fails one that raised", () => {
    expect(cellVerdict(base)).toEqual({ outcome: "passed", dropRest: false });
    expect(cellVerdict({ ...base, status: "error", error: boom })).toEqual({
      outcome: "failed",
      error: boom,
      dropRest: false,
    });
  });

  it("passes a raises-exception cell that raised, and fails one that did not", () => {
    expect(cellVerdict({ ...base, status: "error", error: boom, expectRaise: true }).outcome).toBe(
      "passed",
    );
    const missing = cellVerdict({ ...base, expectRaise: true });
    expect(missing).toMatchObject({ outcome: "failed", errorOutput: "append", dropRest: true });
    expect(missing.error?.ename).toBe("MissingExpectedException");
    expect(cellVerdict({ ...base, expectRaise: true, errorMode: "continue" }).dropRest).toBe(false);
  });

  it("ends the notebook successfully on sys.exit() and sys.exit(0), not on sys.exit(1)", () => {
    for (const evalue of ["", "0"]) {
      const exit = { ename: "SystemExit", evalue, traceback: [] };
      expect(cellVerdict({ ...base, status: "error", error: exit })).toEqual({
        outcome: "passed",
        dropRest: true,
      });
    }
    const one = { ename: "SystemExit", evalue: "1", traceback: [] };
    expect(cellVerdict({ ...base, status: "error", error: one }).outcome).toBe("failed");
  });

  it("keeps timeouts and deaths as they are", () => {
    expect(cellVerdict({ ...base, status: "timeout", error: boom }).outcome).toBe("timeout");
    expect(cellVerdict({ ...base, status: "died", error: boom, expectRaise: true }).outcome).toBe(
      "died",
    );
  });

  it("blames the notebook's time limit for whatever ended the cell when it struck", () => {
    for (const status of ["error", "died"] as const) {
      const verdict = cellVerdict({
        ...base,
        status,
        error: boom,
        notebookTimedOut: true,
        notebookTimeoutMs: 1500,
      });
      expect(verdict).toMatchObject({ outcome: "timeout", errorOutput: "replace" });
      expect(verdict.error?.evalue).toBe(
        "The notebook ran longer than its limit of 1.5 seconds (--notebook-timeout).",
      );
    }
    expect(cellVerdict({ ...base, notebookTimedOut: true }).outcome).toBe("passed");
  });

  it("does not count an interrupt asked for by a signal as an expected exception", () => {
    const interrupt = { ename: "KeyboardInterrupt", evalue: "", traceback: [] };
    expect(
      cellVerdict({ ...base, status: "error", error: interrupt, expectRaise: true, stopping: true })
        .outcome,
    ).toBe("failed");
  });
});
