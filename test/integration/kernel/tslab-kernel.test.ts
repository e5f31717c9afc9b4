// tslab (TypeScript) as a Jupyter kernel: a long loop is interrupted and the kernel goes on.

import { afterEach, describe, expect, it } from "vitest";
import { findKernelSpec, JupyterKernel } from "../../../src/kernel/index.js";
import { run } from "./helpers.js";
import { tslabJupyterPath } from "./tslab.js";

const started: JupyterKernel[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((kernel) => kernel.shutdown()));
});

describe("a Jupyter kernel: tslab", () => {
  it("interrupts a busy loop with SIGINT and keeps the namespace", async () => {
    const spec = findKernelSpec("tslab", { ...process.env, JUPYTER_PATH: tslabJupyterPath() });
    if (!spec) throw new Error("the tslab kernelspec was not found in its JUPYTER_PATH");
    const kernel = await JupyterKernel.start(spec, { cwd: process.cwd() });
    started.push(kernel);
    expect(kernel.languageInfo?.name).toBe("typescript");
    await run(kernel, "let kept = 41");
    const running = run(kernel, "let spins = 0;\nwhile (true) { spins++ }");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    kernel.interrupt();
    const { outcome, events } = await running;
    expect(outcome.status).toBe("error");
    expect(JSON.stringify(events)).toContain("interrupted");
    expect(kernel.state).toBe("idle");
    const after = await run(kernel, "console.log(kept + 1)");
    expect(after.stdout).toBe("42\n");
  }, 60_000);
});
