// The registry panel (shift+v) in a real terminal: one notebook shares a value, the other tab
// lists it, fetches it with f and uses it, then shares a variable of its own with s.

import { describe, it } from "vitest";
import { openOprel, ready, SLOW, scratchFolder, writeNotebook } from "./oprel.js";

describe("the registry panel", { timeout: 90_000 }, () => {
  it("lists what another notebook shared, fetches it with f, and shares with s", async () => {
    const dir = scratchFolder();
    const producer = writeNotebook(dir, "producer.ipynb", ["answer = 41 + 1\n%share answer"]);
    const consumer = writeNotebook(dir, "consumer.ipynb", ["doubled = answer * 2\nprint(doubled)"]);
    const t = await openOprel([producer, consumer], dir);
    await t.waitForText("producer.ipynb", SLOW);
    await ready(t);
    t.press("ctrl+e");
    await t.waitForText("[1]:", SLOW);

    t.press("]");
    await t.waitForText(/consumer\.ipynb[\s\S]*\bidle\b/, SLOW);
    t.press("shift+v");
    await t.waitForText("Shared registry", SLOW);
    await t.waitForText(/answer +producer\.ipynb +int +\d+ B +\d\d:\d\d:\d\d/);
    t.press("f");
    await t.waitForText("Fetched answer (consumer.ipynb).", SLOW);
    t.press("ctrl+e");
    await t.waitForText(/\[1\]:[\s\S]*84/, SLOW);

    t.press("shift+v");
    await t.waitForText("Shared registry", SLOW);
    t.press("s");
    await t.waitForText("Share a variable of consumer.ipynb", SLOW);
    await t.waitForText(/answer +int +42/);
    await t.waitForText(/doubled +int +84/);
    t.press("j"); // in the order they were bound: answer (fetched), then doubled
    t.press("s");
    await t.waitForText(/doubled +consumer\.ipynb +int/, SLOW);
    await t.waitForText("Shared doubled (consumer.ipynb).");
  });
});
