// A new notebook records the kernel it will run in, so it reopens there (and in Jupyter).

import { describe, expect, it } from "vitest";
import { emptyNotebook } from "../../../../src/ui/session/new-notebook.js";

describe("a new notebook's kernelspec", () => {
  it("is python3 by default, as JupyterLab makes", () => {
    expect(emptyNotebook().metadata).toEqual({
      kernelspec: { name: "python3", display_name: "Python 3", language: "python" },
      language_info: { name: "python" },
    });
  });

  it("is the installed kernel --kernel names (Debian's IRkernel)", () => {
    const { metadata } = emptyNotebook("ir");
    expect(metadata.kernelspec).toEqual({ name: "ir", display_name: "R", language: "R" });
    expect(metadata.language_info).toEqual({ name: "R" });
  });

  it("still names a kernel --kernel asks for that is not installed", () => {
    const { metadata } = emptyNotebook("no-such-kernel");
    expect(metadata.kernelspec).toEqual({
      name: "no-such-kernel",
      display_name: "no-such-kernel",
      language: "",
    });
    expect(metadata.language_info).toBeUndefined();
  });
});
