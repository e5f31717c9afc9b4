// One vitest suite of the differential test: run the subjects through Jupyter and oprel once (in
// beforeAll, both at the same time), then one test per notebook. See docs/compatibility.md.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../run/helpers.js";
import { verdict } from "./known-differences.js";
import { type Comparison, runBothAndCompare, type Subject } from "./sides.js";

export function compareWithJupyter(title: string, subjects: Subject[]): void {
  let comparison: Comparison;

  beforeAll(async () => {
    ensureBuilt();
    comparison = await runBothAndCompare(subjects);
  }, 480_000); // nbconvert alone takes 15-30 s a notebook, two at a time, on a shared machine
  afterAll(() => comparison?.cleanUp());

  describe(title, () => {
    it.each(subjects.map((s) => s.name))("%s", (name) => {
      // On failure, what oprel printed about this notebook comes with the message.
      expect(verdict(name, comparison.differences), comparison.logOf(name)).toEqual({
        unexpected: [],
        stale: [],
      });
    });
  });
}
