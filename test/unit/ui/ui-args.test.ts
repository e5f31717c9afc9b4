// `oprel NB --kernel NAME --gateway URL`: the terminal notebook takes them as `oprel run` does.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseUiArgs, UI_HELP } from "../../../src/cli/ui-args.js";

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

it("takes --kernel NAME and --kernel=NAME (refused without a name), and --gateway URL", () => {
  expect(parseUiArgs(["--kernel", "ir", "a.ipynb"])).toMatchObject({
    kind: "open",
    paths: ["a.ipynb"],
    kernelName: "ir",
  });
  expect(parseUiArgs(["--kernel=python3-jupyter", "a.ipynb"])).toMatchObject({
    kernelName: "python3-jupyter",
  });
  expect(parseUiArgs(["a.ipynb"])).toMatchObject({ kernelName: undefined });
  expect(() => parseUiArgs(["a.ipynb", "--kernel"])).toThrow("--kernel needs a value");
  expect(parseUiArgs(["--gateway", "http://127.0.0.1:8888/", "a.ipynb"])).toMatchObject({
    gateway: "http://127.0.0.1:8888/",
  });
});

describe("oprel --help", () => {
  it("names every subcommand bin/oprel.ts dispatches", () => {
    const bin = readFileSync(join(ROOT_DIR, "bin", "oprel.ts"), "utf8");
    const dispatched = [...bin.matchAll(/argv\[0\] === "(\w+)"/g)].map((match) => match[1]);
    expect(dispatched).toEqual(expect.arrayContaining(["run", "ai", "report"]));
    for (const command of dispatched) expect(UI_HELP).toContain(`oprel ${command} `);
  });
});
