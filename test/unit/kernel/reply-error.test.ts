import { describe, expect, it } from "vitest";
import { isAborted, replyError } from "../../../src/kernel/jupyter/message-events.js";

describe("replyError", () => {
  it("keeps the error a kernel names", () => {
    const reply = { status: "error", ename: "ZeroDivisionError", evalue: "x", traceback: ["t"] };
    expect(replyError(reply, "ignored\n")).toEqual({
      ename: "ZeroDivisionError",
      evalue: "x",
      traceback: ["t"],
    });
    expect(replyError({ status: "ok" })).toBeUndefined();
  });

  it("names an unnamed error by the cell's last stderr line that is not a stack frame (tslab)", () => {
    const thrown = "evalmachine.<anonymous>:2\nthrow x;\n^\n\nRangeError: boom\n    at a (b:1:2)\n";
    expect(replyError({ status: "error" }, thrown)).toEqual({
      ename: "RangeError",
      evalue: "boom",
      traceback: [],
    });
    const typed = "1:7 - Type 'number' is not assignable to type 'string'.\n";
    expect(replyError({ status: "error" }, typed)).toEqual({
      ename: "Error",
      evalue: "1:7 - Type 'number' is not assignable to type 'string'.",
      traceback: [],
    });
    expect(replyError({ status: "error" }, "")).toEqual({
      ename: "Error",
      evalue: "",
      traceback: [],
    });
  });

  it("takes both spellings of aborted", () => {
    expect(isAborted({ status: "abort" })).toBe(true);
    expect(isAborted({ status: "aborted" })).toBe(true);
    expect(replyError({ status: "abort" })?.ename).toBe("ExecutionAborted");
  });
});
