// `oprel run` with the shared registry: notebooks of one run as a pipeline, waits that nothing can
// satisfy, and entries kept on disk for a later run with --registry-dir.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  writeNotebook,
} from "../run/helpers.js";
import { SYSTEM_PYTHON } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const PRODUCER = [
  "import numpy as np\nimport time\ntime.sleep(0.5)",
  "table = np.arange(10)\nlabel = 'ten'\n%share table label",
];
const CONSUMER = ["%fetch table --wait 60\n%fetch label\nprint(label, int(table.sum()))"];

describe("oprel run -j 2 as a pipeline", () => {
  it("lets the consumer, named first, wait for what the producer shares", async () => {
    const dir = tempDir();
    const consumer = writeNotebook(dir, "consumer.ipynb", CONSUMER);
    const producer = writeNotebook(dir, "producer.ipynb", PRODUCER);
    const run = await runCli(["run", "-j", "2", "--python", SYSTEM_PYTHON, consumer, producer]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(consumer))[0])).toBe("ten 45\n");
  });

  it("ends at once a wait nothing can satisfy (-j 1, producer queued behind), naming the variable", async () => {
    const dir = tempDir();
    // Without the deadlock check this wait would last 600 s, far past the test's timeout.
    const consumer = writeNotebook(dir, "consumer.ipynb", [
      "%fetch table --wait 600\nprint('never')",
    ]);
    const producer = writeNotebook(dir, "producer.ipynb", PRODUCER);
    const run = await runCli(["run", "-j", "1", "--python", SYSTEM_PYTHON, consumer, producer]);
    expect(run.exitCode).toBe(1);
    const [cell] = codeCells(readNotebook(consumer));
    expect(cell?.outputs?.[0]).toMatchObject({
      output_type: "error",
      ename: "RegistryError",
      evalue:
        "'table' can never be shared: every running notebook is waiting on the registry and -j 1 leaves no slot for the 1 still queued. Run with -j 2 or more, or run the notebook that shares 'table' first.",
    });
    // The producer still ran after it, and passed.
    expect(codeCells(readNotebook(producer))[1]?.execution_count).toBe(2);
  });

  it("ends at once a wait for a value no notebook left to run will share", async () => {
    const dir = tempDir();
    const consumer = writeNotebook(dir, "consumer.ipynb", [
      "import time\ntime.sleep(1)",
      "%fetch missing --wait 600",
    ]);
    const other = writeNotebook(dir, "other.ipynb", ["x = 1"]);
    const run = await runCli(["run", "-j", "2", "--python", SYSTEM_PYTHON, consumer, other]);
    expect(run.exitCode).toBe(1);
    expect(codeCells(readNotebook(consumer))[1]?.outputs?.[0]).toMatchObject({
      ename: "RegistryError",
      evalue: expect.stringMatching(
        /^'missing' can never be shared: every running notebook is waiting on the registry and no notebook is left to run\./,
      ),
    });
  });

  it("lets two notebooks that wait on each other's values both finish (-j 2)", async () => {
    const dir = tempDir();
    const first = writeNotebook(dir, "first.ipynb", [
      "a = 1\n%share a",
      "%fetch b --wait 60\nprint(a + b)",
    ]);
    const second = writeNotebook(dir, "second.ipynb", [
      "%fetch a --wait 60\nb = a + 1\n%share b",
      "print(a, b)",
    ]);
    const run = await runCli(["run", "-j", "2", "--python", SYSTEM_PYTHON, first, second]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(first))[1])).toBe("3\n");
  });
});

describe("--registry-dir", () => {
  it("keeps entries on disk for a later run, and leaves no staging files behind", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const producer = writeNotebook(dir, "producer.ipynb", PRODUCER);
    const args = ["run", "--registry-dir", store, "--python", SYSTEM_PYTHON];
    const first = await runCli([...args, producer]);
    expect(first.exitCode).toBe(0);
    expect(readdirSync(store).sort()).toEqual([
      "label.json",
      "label.pickle",
      "table.json",
      "table.pickle",
    ]);
    const consumer = writeNotebook(dir, "consumer.ipynb", CONSUMER);
    const second = await runCli([...args, consumer]);
    expect(second.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(consumer))[0])).toBe("ten 45\n");
  });

  it("refuses a --registry-limit that is no size", async () => {
    const run = await runCli(["run", "--registry-limit", "lots", "x.ipynb"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--registry-limit 'lots' is not a size of at least 1K.");
  });
});
