import { describe, expect, it } from "vitest";
import { cellPrompt, formatElapsed } from "../../../../src/ui/output/cell-prompt.js";

describe("cellPrompt", () => {
  it("says what state a cell is in", () => {
    const base = { colour: false } as const;
    expect(cellPrompt({ ...base, executionCount: 12, state: "idle" })).toBe("[12]");
    expect(cellPrompt({ ...base, executionCount: null, state: "idle" })).toBe("[ ]");
    expect(cellPrompt({ ...base, executionCount: 3, state: "queued", queuePosition: 3 })).toBe(
      "[q3]",
    );
    expect(
      cellPrompt({ ...base, executionCount: null, state: "running", startedAt: 1000, now: 13_500 }),
    ).toBe("[*] 12s");
    expect(cellPrompt({ ...base, executionCount: null, state: "running" })).toBe("[*]");
    expect(cellPrompt({ ...base, executionCount: 4, state: "idle", failed: true })).toBe("[4]!");
    expect(cellPrompt({ ...base, executionCount: null, state: "idle", failed: true })).toBe("[ ]!");
  });

  it("colours running, queued and failed cells", () => {
    expect(cellPrompt({ executionCount: 4, state: "idle", failed: true })).toBe(
      "\u001b[31m[4]!\u001b[0m",
    );
    expect(cellPrompt({ executionCount: 1, state: "idle" })).toBe("[1]");
    expect(cellPrompt({ executionCount: null, state: "running" })).toBe("\u001b[33m[*]\u001b[0m");
  });

  it("formats elapsed time compactly", () => {
    expect(formatElapsed(400)).toBe("0.4s");
    expect(formatElapsed(12_345)).toBe("12s");
    expect(formatElapsed(65_000)).toBe("1m05s");
    expect(formatElapsed(2 * 3600_000 + 180_000)).toBe("2h03m");
    expect(formatElapsed(-5)).toBe("0.0s");
  });
});
