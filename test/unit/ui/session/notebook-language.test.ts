// Which highlighter a notebook's code cells get: from the kernel's language, else the file's own.

import { describe, expect, it } from "vitest";
import { cellLanguage } from "../../../../src/ui/editor/cell-rows.js";
import { highlightLanguage, highlightLines } from "../../../../src/ui/editor/highlight.js";
import { notebookLanguage } from "../../../../src/ui/session/notebook-language.js";

const R_NOTEBOOK = {
  kernelspec: { name: "ir", display_name: "R", language: "R" },
  language_info: { name: "R" },
};

describe("notebookLanguage", () => {
  it("takes the running kernel's language over the file's", () => {
    expect(notebookLanguage(R_NOTEBOOK, "Python")).toBe("Python");
  });

  it("takes language_info, then the kernelspec, then Python", () => {
    expect(notebookLanguage(R_NOTEBOOK)).toBe("R");
    expect(notebookLanguage({ kernelspec: { name: "julia-1.9", language: "julia" } })).toBe(
      "julia",
    );
    expect(notebookLanguage({})).toBe("python");
    expect(notebookLanguage({ kernelspec: "not an object", language_info: { name: "" } })).toBe(
      "python",
    );
  });
});

describe("highlighting follows the kernel's language", () => {
  it("maps kernel languages to highlighters, and unknown ones to plain text", () => {
    expect(highlightLanguage("R")).toBe("r");
    expect(highlightLanguage("Julia")).toBe("julia");
    expect(highlightLanguage("TypeScript")).toBe("typescript");
    expect(highlightLanguage("Python")).toBe("python");
    expect(highlightLanguage("nowhere")).toBeNull();
  });

  it("colours an R keyword in an R notebook's code cells, and not in a Python one", () => {
    const source = ["square <- function(x) x * x"];
    const runs = (language: string) => highlightLines(source, cellLanguage("code", language));
    const keyword = (language: string) =>
      runs(language)[0]?.find((run) => source[0]?.slice(run.start, run.end) === "function");
    expect(keyword("R")?.sgr).toBe("35");
    expect(keyword("Python")).toBeUndefined();
    expect(runs("nowhere")[0]).toEqual([]);
  });
});
