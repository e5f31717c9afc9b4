// --registry-limit and --registry-dir on both front ends' command lines.

import { describe, expect, it } from "vitest";
import { parseRunArgs } from "../../../src/cli/run-args.js";
import { parseUiArgs } from "../../../src/cli/ui-args.js";

describe("registry options", () => {
  it("oprel run takes a size and a folder", () => {
    const command = parseRunArgs(["--registry-limit", "2G", "--registry-dir", "store", "a.ipynb"]);
    expect(command).toMatchObject({
      kind: "run",
      options: { registryLimitBytes: 2 ** 31, registryDir: "store" },
    });
    expect(() => parseRunArgs(["--registry-limit", "12", "a.ipynb"])).toThrow(
      "--registry-limit '12' is not a size of at least 1K.",
    );
  });

  it("the terminal notebook takes them too, with = or as the next word", () => {
    expect(parseUiArgs(["--registry-limit=512M", "--registry-dir", "d", "x.ipynb"])).toEqual({
      kind: "open",
      paths: ["x.ipynb"],
      python: undefined,
      registryLimitBytes: 512 * 2 ** 20,
      registryDir: "d",
      debug: false,
    });
    expect(() => parseUiArgs(["--registry-limit", "lots"])).toThrow(
      "--registry-limit 'lots' is not a size of at least 1K.",
    );
    expect(() => parseUiArgs(["--registry-dir"])).toThrow("--registry-dir needs a value");
  });
});
