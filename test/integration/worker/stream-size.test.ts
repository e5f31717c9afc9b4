// A stream event carries at most about a megabyte of text, however much a cell writes at once: the
// controller's memory per message stays bounded (a single 200 MB message used to need 600 MB).

import { describe, expect, it } from "vitest";
import { ok, startKernel, stream } from "../worker-magics/helpers.js";

describe("worker stream events", () => {
  it("split a 5 MB write into events of at most 1 MiB of text, in order", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "import sys\nsys.stdout.write(''.join(f'{i:07d}\\n' for i in range(640_000)))",
    );
    const sizes = cell.events.flatMap((event) =>
      event.type === "stream" ? [event.text.length] : [],
    );
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 20);
    const text = stream(cell, "stdout");
    expect(text.length).toBe(640_000 * 8);
    expect(text.startsWith("0000000\n0000001\n")).toBe(true);
    expect(text.endsWith("0639999\n")).toBe(true);
  });
});
