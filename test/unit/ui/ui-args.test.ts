// `oprel NB --kernel NAME --gateway URL`: the terminal notebook takes them as `oprel run` does.

import { expect, it } from "vitest";
import { parseUiArgs } from "../../../src/cli/ui-args.js";

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
