// `oprel NB --kernel NAME`: the terminal notebook takes the kernel override as `oprel run` does.

import { expect, it } from "vitest";
import { parseUiArgs } from "../../../src/cli/ui-args.js";

it("takes --kernel NAME and --kernel=NAME, and refuses it without a name", () => {
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
});
