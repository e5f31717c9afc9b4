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

  it("ends a wait nothing can satisfy (-j 1, producer queued behind) at its timeout, naming the variable", async () => {
    const dir = tempDir();
    const consumer = writeNotebook(dir, "consumer.ipynb", [
      "%fetch table --wait 1\nprint('never')",
    ]);
    const producer = writeNotebook(dir, "producer.ipynb", PRODUCER);
    const run = await runCli(["run", "-j", "1", "--python", SYSTEM_PYTHON, consumer, producer]);
    expect(run.exitCode).toBe(1);
    const [cell] = codeCells(readNotebook(consumer));
    expect(cell?.outputs?.[0]).toMatchObject({
      output_type: "error",
      ename: "RegistryError",
      evalue: expect.stringMatching(
        /^'table' was not shared within 1 s: this cell waited for another notebook to share 'table'/,
      ),
    });
    // The producer still ran after it, and passed.
    expect(codeCells(readNotebook(producer))[1]?.execution_count).toBe(2);
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
