// SIGINT while a cell runs raises KeyboardInterrupt in it; while idle it is ignored. input() and
// getpass() ask the controller, or fail like headless Jupyter when stdin is not allowed.

import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel/index.js";
import { errorOf, ok, resultText, run, startKernel, stream } from "../worker-magics/helpers.js";

/** Runs code, interrupts it once it is busy, and returns the cell with how long the interrupt took. */
async function interrupted(kernel: Kernel, code: string) {
  const started = run(kernel, code, { allowStdin: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const sent = performance.now();
  kernel.interrupt();
  const cell = await started;
  return { cell, ms: performance.now() - sent };
}

describe("worker interrupt", () => {
  for (const code of ["while True:\n    pass", "import time\ntime.sleep(100)"]) {
    it(`stops ${JSON.stringify(code)} quickly with KeyboardInterrupt and keeps the namespace`, async () => {
      const kernel = await startKernel();
      await ok(kernel, "kept = 41");
      const { cell, ms } = await interrupted(kernel, code);
      expect(cell.outcome.status).toBe("error");
      expect(errorOf(cell)?.ename).toBe("KeyboardInterrupt");
      expect(errorOf(cell)?.traceback.at(-1)).toBe("\x1b[0;31mKeyboardInterrupt\x1b[0m: ");
      expect(ms).toBeLessThan(1000);
      expect(resultText(await ok(kernel, "kept + 1"))).toBe("42");
    });
  }

  it("ignores SIGINT while idle", async () => {
    const kernel = await startKernel();
    await ok(kernel, "kept = 'here'");
    kernel.interrupt();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cell = await ok(kernel, "kept");
    expect(resultText(cell)).toBe("'here'");
  });

  it("interrupts a cell waiting for input", async () => {
    const kernel = await startKernel();
    const { cell } = await interrupted(kernel, "input('never answered')");
    expect(errorOf(cell)).toMatchObject({
      ename: "KeyboardInterrupt",
      evalue: "Interrupted by user",
    });
    await ok(kernel, "1");
  });
});

describe("worker stdin", () => {
  it("asks through stdin_request for input() and getpass(), and returns the answers", async () => {
    const kernel = await startKernel();
    const prompts: { prompt: string; password: boolean }[] = [];
    const answers = ["Ada", "s3cret"];
    const outcome = await kernel.execute(
      "name = input('Name? ')\nimport getpass\nword = getpass.getpass()\nprint(name, len(word))",
      (event) => {
        if (event.type === "stdin_request") {
          prompts.push({ prompt: event.prompt, password: event.password });
          kernel.answerInput(event.id, answers.shift() ?? "");
        }
      },
      { allowStdin: true },
    );
    expect(outcome.status).toBe("ok");
    expect(prompts).toEqual([
      { prompt: "Name? ", password: false },
      { prompt: "Password: ", password: true },
    ]);
    expect(resultText(await ok(kernel, "name, word"))).toBe("('Ada', 's3cret')");
  });

  it("sends output printed before input() ahead of the stdin_request", async () => {
    const kernel = await startKernel();
    const order: string[] = [];
    await kernel.execute(
      "import os\nprint('first')\nos.system('echo second')\ninput('third')",
      (event) => {
        if (event.type === "stream") order.push(event.text);
        if (event.type === "stdin_request") {
          order.push(event.prompt);
          kernel.answerInput(event.id, "");
        }
      },
      { allowStdin: true },
    );
    expect(order.join("")).toBe("first\nsecond\nthird");
  });

  it("refuses input() and getpass() without stdin, with Jupyter's error", async () => {
    const kernel = await startKernel();
    const refused = await run(kernel, "input('x')", { allowStdin: false });
    expect(refused.outcome.error).toMatchObject({
      ename: "StdinNotImplementedError",
      evalue: "raw_input was called, but this frontend does not support input requests.",
    });
    expect(refused.events.some((event) => event.type === "stdin_request")).toBe(false);
    const password = await run(kernel, "from getpass import getpass\ngetpass()", {
      allowStdin: false,
    });
    expect(password.outcome.error).toMatchObject({
      ename: "StdinNotImplementedError",
      evalue: "getpass was called, but this frontend does not support input requests.",
    });
    const caught = await ok(
      kernel,
      "try:\n    input()\nexcept NotImplementedError as e:\n    print(type(e).__name__)",
    );
    expect(stream(caught, "stdout")).toBe("StdinNotImplementedError\n");
  });
});
