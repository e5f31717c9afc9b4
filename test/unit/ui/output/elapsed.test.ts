import { describe, expect, it } from "vitest";
import { formatElapsed } from "../../../../src/ui/output/elapsed.js";

describe("formatElapsed", () => {
  it("formats elapsed time compactly", () => {
    expect(formatElapsed(400)).toBe("0.4s");
    expect(formatElapsed(12_345)).toBe("12s");
    expect(formatElapsed(65_000)).toBe("1m05s");
    expect(formatElapsed(2 * 3600_000 + 180_000)).toBe("2h03m");
    expect(formatElapsed(-5)).toBe("0.0s");
  });
});
