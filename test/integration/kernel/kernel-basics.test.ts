import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAlive, run, startKernel } from "./helpers.js";

describe("Kernel basics", () => {
  it("starts a worker that reports its pid, version and executable", async () => {
    const kernel = await startKernel({ python: "/usr/bin/python3" });
    expect(kernel.state).toBe("idle");
    expect(kernel.pid).toBeGreaterThan(0);
    expect(isAlive(kernel.pid)).toBe(true);
    expect(kernel.python).toMatch(/^3\.\d+\.\d+/);
    expect(existsSync(kernel.executable)).toBe(true);
    expect(kernel.interpreter).toMatchObject({ path: "/usr/bin/python3", source: "option" });
  });

  it("delivers a cell's events in order, ending with done", async () => {
    const kernel = await startKernel();
    const { outcome, events, stdout } = await run(kernel, "print('hello')\n40 + 2");
    expect(outcome).toMatchObject({ status: "ok", executionCount: 1 });
    // Stream text may be split over several events; the order of kinds is what matters.
    const kinds = events.map((event) => event.type).filter((kind, i, all) => kind !== all[i - 1]);
    expect(kinds).toEqual(["status", "stream", "result", "done"]);
    expect(stdout).toBe("hello\n");
    expect(events.find((event) => event.type === "result")).toMatchObject({
      type: "result",
      execution_count: 1,
      data: { "text/plain": "42" },
    });
    expect(events.every((event) => event.id === events[0]?.id)).toBe(true);
    expect(kernel.state).toBe("idle");
  });

  it("reports an error with the cell's traceback and keeps the namespace", async () => {
    const kernel = await startKernel();
    await run(kernel, "x = 5");
    const { outcome, events } = await run(kernel, "1 / 0");
    expect(outcome.status).toBe("error");
    expect(outcome.error).toMatchObject({ ename: "ZeroDivisionError", evalue: "division by zero" });
    expect(events.find((event) => event.type === "error")).toMatchObject({
      ename: "ZeroDivisionError",
    });
    expect((await run(kernel, "print(x)")).stdout).toBe("5\n");
  });

  it("runs calls made while busy one after another, in call order", async () => {
    const kernel = await startKernel();
    let printed = "";
    const runs = ["a", "b", "c"].map((name) =>
      kernel.execute(`import time; time.sleep(0.05); print('${name}')`, (event) => {
        if (event.type === "stream") printed += event.text;
      }),
    );
    const outcomes = await Promise.all(runs);
    expect(outcomes.map((outcome) => outcome.executionCount)).toEqual([1, 2, 3]);
    expect(printed).toBe("a\nb\nc\n");
  });

  it("restarts with a fresh namespace and the execution count back at zero", async () => {
    const kernel = await startKernel();
    await run(kernel, "secret = 1");
    await run(kernel, "secret");
    const oldPid = kernel.pid;
    await kernel.restart();
    expect(kernel.state).toBe("idle");
    expect(kernel.pid).not.toBe(oldPid);
    expect(isAlive(oldPid)).toBe(false);
    const { outcome } = await run(kernel, "secret");
    expect(outcome).toMatchObject({ status: "error", executionCount: 1 });
    expect(outcome.error?.ename).toBe("NameError");
  });

  it("shuts down politely, idempotently, and refuses work afterwards", async () => {
    const kernel = await startKernel();
    const pid = kernel.pid;
    await Promise.all([kernel.shutdown(), kernel.shutdown()]);
    await kernel.shutdown();
    expect(kernel.state).toBe("shutdown");
    expect(isAlive(pid)).toBe(false);
    const { outcome } = await run(kernel, "1");
    expect(outcome.status).toBe("died");
    await expect(kernel.namespace()).rejects.toMatchObject({ code: "KERNEL_DEAD" });
  });

  it("asks for input through stdin_request and answerInput", async () => {
    const kernel = await startKernel();
    const prompts: string[] = [];
    let printed = "";
    const outcome = await kernel.execute(
      "name = input('Name? ')\nprint('hi', name)",
      (event) => {
        if (event.type === "stdin_request") {
          prompts.push(event.prompt);
          kernel.answerInput(event.id, "Ada");
        }
        if (event.type === "stream") printed += event.text;
      },
      { allowStdin: true },
    );
    expect(outcome.status).toBe("ok");
    expect(prompts).toEqual(["Name? "]);
    expect(printed).toContain("hi Ada\n");
  });

  it("refuses input() when the call does not allow stdin, as headless Jupyter does", async () => {
    const kernel = await startKernel();
    const { outcome, events } = await run(kernel, "input('Name? ')");
    expect(outcome.error?.ename).toBe("StdinNotImplementedError");
    expect(events.some((event) => event.type === "stdin_request")).toBe(false);
  });

  it("answers completion, namespace and syntax questions", async () => {
    const kernel = await startKernel();
    await run(kernel, "import os\nmy_value = [1, 2, 3]");
    const completion = await kernel.complete("my_va", 5);
    expect(completion.matches).toContain("my_value");
    const namespace = await kernel.namespace();
    expect(namespace.variables.find((variable) => variable.name === "my_value")).toMatchObject({
      type: "list",
    });
    expect(await kernel.checkSyntax("x = (1,")).toMatchObject({ ok: false });
    expect(await kernel.checkSyntax("x = 1")).toEqual({ ok: true });
    const inspected = await kernel.inspect("os.path.join", 12);
    expect(inspected.found).toBe(true);
  });
});
