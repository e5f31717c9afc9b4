// The assistant in the terminal notebook, end to end: the real oprel in a pty, the real worker,
// and a fake OpenAI-compatible server on 127.0.0.1 replaying scripted streamed replies.

import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeOpenAI,
  finish,
  reply,
  startFakeOpenAI,
  text,
  toolCalls,
} from "../support/fake-openai.js";
import { cellSources, openNotebook, ready, SLOW } from "./oprel.js";

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function openWithAssistant(
  sources: string[],
  script: Parameters<typeof startFakeOpenAI>[0],
  model: string | null = "fake-model",
) {
  server = await startFakeOpenAI(script);
  const opened = await openNotebook("ask.ipynb", sources, {
    env: {
      OPENAI_BASE_URL: server.url,
      OPENAI_API_KEY: undefined,
      OPREL_MODEL: model ?? undefined,
      // No user config file may change the endpoint or the model.
      XDG_CONFIG_HOME: "/nonexistent-oprel-config",
    },
  });
  await ready(opened.t);
  return opened;
}

/** Shift+A, the request, Enter. */
async function ask(opened: Awaited<ReturnType<typeof openWithAssistant>>, request: string) {
  const { t } = opened;
  t.press("shift+a");
  await t.waitForText("Ask the assistant");
  t.type(request);
  await t.waitForText(request);
  t.press("enter");
}

describe("the assistant in the terminal notebook", { timeout: 60_000 }, () => {
  it("streams its reply, shows the edit as a diff, and runs the accepted cell through the queue", async () => {
    const opened = await openWithAssistant(
      ["x = 1\nprint(x + 1)"],
      [
        reply.stream([
          text("Setting x to 41 so that the cell prints the answer."),
          toolCalls([
            [
              "edit_cell",
              { cell_id: "bench-0", source: "x = 41\nprint(x + 1)", why: "the answer" },
            ],
            ["exec_cell", { cell_id: "bench-0", why: "to show it" }],
          ]),
          finish("tool_calls"),
        ]),
        reply.text("It printed 42."),
      ],
    );
    const { t, path } = opened;
    await ask(opened, "make it print 42");
    await t.waitForText("so that the cell prints the answer", SLOW);
    await t.waitForText(/- x = 1\s[\s\S]*\+ x = 41/, SLOW);
    await t.waitForText("▶ run proposed");
    await t.waitForText("edit · the answer");
    t.press("shift+y"); // accept both
    await t.waitForText(/\[1\]:[\s\S]*\b42\b/, SLOW);
    await t.waitForText("It printed 42.", SLOW);
    await t.waitForText("finished", SLOW);
    // The request reached the server with the notebook in it; the run's output went back to it.
    expect(JSON.stringify(server?.requests[0]?.body)).toContain("make it print 42");
    expect(JSON.stringify(server?.requests[1]?.body)).toContain("42");
    // Esc closes the reply; the accepted edit is one undo step.
    t.press("esc");
    await t.waitForNoText("It printed 42.");
    t.press("z");
    await t.waitForText(/x = 1\b/);
    t.press("ctrl+s");
    await t.waitForText("Saved", SLOW);
    expect(cellSources(path)).toEqual(["x = 1\nprint(x + 1)"]);
  });

  it("applies nothing that is rejected, and Esc cancels a reply while it streams", async () => {
    const opened = await openWithAssistant(
      ["keep = 'me'", "other = 2"],
      [
        reply.stream([
          text("This cell looks unused."),
          toolCalls([["delete_cell", { cell_id: "bench-0", why: "unused" }]]),
          finish("tool_calls"),
        ]),
        reply.stream([text("Thinking about it", 1)], { stallAfter: 2 }),
      ],
    );
    const { t, path } = opened;
    await ask(opened, "tidy up");
    await t.waitForText("delete · unused", SLOW);
    t.press("n");
    await t.waitForText("finished", SLOW);
    await t.waitForText("keep = 'me'");
    // A second request: its reply stalls mid-stream, and Esc stops it at once.
    await ask(opened, "and now?");
    await t.waitForText("Thinking", SLOW);
    // Auto-run on and off again: the status line says so while it is on.
    t.press("shift+t");
    await t.waitForText(/│ auto-run/);
    t.press("shift+t");
    await t.waitForNoText(/│ auto-run/);
    // With no review open, j looks around the notebook while the reply streams.
    t.press("j");
    await t.waitForText(/▌ other = 2/);
    t.press("esc");
    await t.waitForText("Stopped.");
    await t.waitForText(/\bCMD\b/);
    expect(server?.requests).toHaveLength(2);
    t.press("ctrl+s");
    await t.waitForText("Saved", SLOW);
    expect(cellSources(path)).toEqual(["keep = 'me'", "other = 2"]);
  });

  it("says in one sentence, with a hint, that no model is configured", async () => {
    const opened = await openWithAssistant(["a = 1"], [], null);
    await ask(opened, "hello");
    await opened.t.waitForText("No model is configured for the assistant", SLOW);
    await opened.t.waitForText(/\bCMD\b/);
    expect(server?.requests).toHaveLength(0);
  });
});
