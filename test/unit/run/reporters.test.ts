import { afterEach, describe, expect, it, vi } from "vitest";
import { PlainReporter } from "../../../src/run/output/plain-reporter.js";
import { TtyReporter } from "../../../src/run/output/tty-reporter.js";
import { plainText } from "../../../src/terminal/sanitize.js";
import { controlCodes } from "./control-codes.js";
import { sampleRun } from "./fixtures.js";

afterEach(() => {
  vi.useRealTimers();
});

function plain(logOutput = true) {
  let out = "";
  let clock = 0;
  const reporter = new PlainReporter({ write: (t) => (out += t), logOutput, now: () => clock });
  return { reporter, text: () => out, advance: (ms: number) => (clock += ms) };
}

describe("PlainReporter", () => {
  it("writes whole prefixed lines and no control codes, even for hostile output", () => {
    const { reporter, text } = plain();
    const run = sampleRun();
    const [failed] = run.notebooks;
    if (!failed?.failure?.cell) throw new Error("fixture");
    reporter.notebookStarted(failed.path, 4);
    reporter.cellStarted(failed.path, 1, 4);
    reporter.output(failed.path, "half a li");
    reporter.output(
      failed.path,
      "ne\n\u001b[31mred\u001b[0m\r\n\u001b]0;title\u0007progress 10%\rprogress 100%\n",
    );
    reporter.output(failed.path, "::error::injected");
    reporter.cellFinished(failed.path);
    reporter.warning(undefined, "careful\u001b[2J");
    reporter.failure(failed.path, failed.failure.cell);
    reporter.notebookFinished(failed);
    reporter.finish(run);
    const out = text();
    expect(controlCodes(out)).toEqual([]);
    const lines = out.split("\n");
    expect(lines).toContain("[nbs/fail, 100%.ipynb] half a line");
    expect(lines).toContain("[nbs/fail, 100%.ipynb] red");
    expect(lines).toContain("[nbs/fail, 100%.ipynb] progress 100%");
    // Output can never start a line, so it cannot issue a GitHub workflow command.
    expect(lines).toContain("[nbs/fail, 100%.ipynb] ::error::injected");
    expect(lines).toContain("[nbs/fail, 100%.ipynb] cell 1 of 4");
    expect(lines).toContain("warning: careful");
    expect(lines).toContain("[nbs/fail, 100%.ipynb] nbs/fail, 100%.ipynb: cell 3 (In [2]) failed:");
    expect(lines).toContain("[nbs/fail, 100%.ipynb]   | 1/0  # boom <&>");
    expect(lines).toContain("[nbs/fail, 100%.ipynb]   ZeroDivisionError: division by zero");
    expect(out).toMatch(/notebook +status +cells +duration/);
    expect(out).toMatch(/nbs\/crash\.ipynb +kernel died +0\/0 +100ms/);
    expect(out).toContain("2 of 3 notebooks did not pass (exit code 4)");
  });

  it("says a long cell is still running", async () => {
    vi.useFakeTimers();
    const { reporter, text, advance } = plain(false);
    reporter.notebookStarted("slow.ipynb", 2);
    reporter.cellStarted("slow.ipynb", 2, 2);
    advance(31_000);
    vi.advanceTimersByTime(1000);
    expect(text()).toContain("[slow.ipynb] still running cell 2 of 2 (31.0s)");
    expect(text()).not.toContain("cell 2 of 2\n");
  });
});

describe("TtyReporter", () => {
  function tty() {
    const writes: string[] = [];
    const erased: number[] = [];
    const reporter = new TtyReporter({
      write: (t, eraseLines = 0) => {
        writes.push(t);
        erased.push(eraseLines);
      },
      logOutput: false,
      colour: true,
      columns: () => 40,
      now: () => performance.now(),
    });
    return { reporter, writes, erased };
  }

  it("redraws at most about ten times a second however often cells start", () => {
    vi.useFakeTimers();
    const { reporter, writes } = tty();
    reporter.notebookStarted("a.ipynb", 1000);
    for (let i = 1; i <= 1000; i++) {
      reporter.cellStarted("a.ipynb", i, 1000);
      vi.advanceTimersByTime(1);
    }
    expect(writes.length).toBeGreaterThan(3);
    expect(writes.length).toBeLessThanOrEqual(12);
    expect(writes.at(-1)).toContain("cell 1000 of 1000");
  });

  it("erases its live lines before printing permanent text and keeps lines within the width", () => {
    vi.useFakeTimers();
    const { reporter, writes, erased } = tty();
    reporter.notebookStarted("a-very-long-notebook-name-that-goes-on.ipynb", 3);
    reporter.notebookStarted("b.ipynb", 3);
    vi.advanceTimersByTime(200);
    const frame = writes.at(-1) ?? "";
    expect(frame.split("\n").filter(Boolean)).toHaveLength(2);
    for (const line of plainText(frame).split("\n")) {
      expect([...line].length).toBeLessThanOrEqual(39);
    }
    reporter.warning("b.ipynb", "hello");
    const last = writes.at(-1) ?? "";
    expect(erased.at(-1)).toBe(2);
    expect(last).toContain("warning: hello");
  });
});
