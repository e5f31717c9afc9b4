import { describe, expect, it } from "vitest";
import { describeExit } from "../../../src/kernel/death.js";

describe("describeExit", () => {
  it("names the common ways a worker dies in plain words", () => {
    expect(describeExit(null, "SIGSEGV")).toBe("segmentation fault (SIGSEGV)");
    expect(describeExit(null, "SIGKILL")).toBe("killed (SIGKILL), possibly out of memory");
    expect(describeExit(1, null)).toBe("exited with status 1");
    expect(describeExit(0, null)).toBe("exited with status 0");
    expect(describeExit(null, "SIGUSR1")).toBe("killed by signal SIGUSR1");
  });

  it("reads a shell wrapper's 128+n status as the signal that killed its child", () => {
    expect(describeExit(139, null)).toBe("segmentation fault (SIGSEGV) (exit status 139)");
  });
});
