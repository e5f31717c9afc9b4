// The agent loop against the fake server, with a host that is the notebook in memory and a
// scripted reviewer (the person at the keyboard is the one boundary these tests cannot reach).

import { afterEach, describe, expect, it } from "vitest";
import type {
  AssistantEvent,
  AssistantHost,
  NotebookContext,
  Proposal,
  RunResult,
  Verdict,
} from "../../../src/ai/contract.js";
import { runAssistant } from "../../../src/ai/loop/run-assistant.js";
import { ModelClient } from "../../../src/ai/provider/model-client.js";
import { makeRedactor } from "../../../src/ai/redact.js";
import { type Cell, cellSource, type Notebook, setSource } from "../../../src/notebook/index.js";
import {
  type FakeOpenAI,
  reply,
  type Step,
  startFakeOpenAI,
  text,
  toolCall,
  toolCalls,
} from "../../support/fake-openai.js";
import { codeNotebook } from "../../support/notebooks.js";

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

class MemoryHost implements AssistantHost {
  commits: Notebook[] = [];
  reviewed: Proposal[][] = [];
  constructor(
    public current: Notebook,
    private readonly decide: (
      proposals: readonly Proposal[],
      host: MemoryHost,
      signal: AbortSignal,
    ) => Promise<Verdict> | Verdict = () => "accept",
  ) {}
  context(): NotebookContext {
    return { notebook: this.current, path: "mem.ipynb", focusedCellId: null, status: () => "ok" };
  }
  async variables() {
    return null;
  }
  async review(proposals: readonly Proposal[], signal: AbortSignal) {
    this.reviewed.push([...proposals]);
    const verdict = await this.decide(proposals, this, signal);
    return new Map(proposals.map((proposal) => [proposal.key, verdict] as const));
  }
  commit(next: Notebook) {
    this.commits.push(next);
    this.current = next;
  }
  async execute(): Promise<RunResult> {
    return { status: "ok", executionCount: 1 };
  }
}

async function run(script: Step[], host: MemoryHost, signal = new AbortController().signal) {
  server = await startFakeOpenAI(script);
  const client = new ModelClient(
    { baseURL: server.url, apiKey: null, model: "m", warnings: [] },
    { redact: makeRedactor({}) },
  );
  const events: AssistantEvent[] = [];
  const reason = await runAssistant("do it", host, {
    client,
    signal,
    onEvent: (e) => events.push(e),
  });
  return { reason, events };
}

function toolContents(index: number): string[] {
  const messages = (server?.requests[index]?.body?.messages ?? []) as Array<{
    role: string;
    content: string;
  }>;
  return messages.filter((m) => m.role === "tool").map((m) => m.content);
}

describe("runAssistant", () => {
  it("turns an edit of a cell the user changed during review into a conflict", async () => {
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]), (_proposals, self) => {
      self.current = setSource(self.current, "a", "x = 100  # the user's edit");
      return "accept";
    });
    const { reason } = await run(
      [
        reply.stream([toolCall("edit_cell", { cell_id: "a", source: "x = 2", why: "w" })]),
        reply.text("Ok, leaving it."),
      ],
      host,
    );
    expect(reason).toBe("finished");
    expect(cellSource(host.current.cells[0] as Cell)).toBe("x = 100  # the user's edit");
    expect(host.commits).toEqual([]);
    expect(toolContents(1)[0]).toContain('"status":"conflict"');
  });

  it("answers read_cell without review and sends invalid operations back as errors", async () => {
    const host = new MemoryHost(codeNotebook(["a", "secret_sauce = 42"]));
    const { reason, events } = await run(
      [
        reply.stream([
          toolCalls([
            ["read_cell", { cell_id: "a" }],
            ["edit_cell", { cell_id: "nope", source: "", why: "w" }],
          ]),
          toolCall("exec_cell", null, { index: 2, rawArguments: '{"cell_id": "a", ' }),
        ]),
        reply.text("Read it."),
      ],
      host,
    );
    expect(reason).toBe("finished");
    expect(host.reviewed).toEqual([]);
    const [read, unknown, broken] = toolContents(1);
    expect(read).toContain("secret_sauce = 42");
    expect(unknown).toContain('"status":"error"');
    expect(unknown).toContain('no cell has the id \\"nope\\"');
    expect(broken).toContain("not valid JSON");
    expect(events.filter((e) => e.type === "invalid")).toHaveLength(2);
  });

  it("stops at once when cancelled during a stream, and changes nothing", async () => {
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const { reason, events } = await run(
      [
        reply.stream(
          [
            text("Let me think about this"),
            toolCall("edit_cell", { cell_id: "a", source: "", why: "w" }),
          ],
          { stallAfter: 3 },
        ),
      ],
      host,
      controller.signal,
    );
    expect(reason).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(host.commits).toEqual([]);
    expect(host.reviewed).toEqual([]);
    expect(events.at(-1)).toEqual({ type: "done", reason: "cancelled" });
  });

  it("stops when cancelled during review, before anything is applied", async () => {
    const controller = new AbortController();
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]), (_p, _h, signal) => {
      // The person presses Esc while the proposals are on screen.
      const pending = new Promise<Verdict>((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))),
      );
      controller.abort();
      return pending;
    });
    const { reason } = await run(
      [reply.stream([toolCall("edit_cell", { cell_id: "a", source: "", why: "w" })])],
      host,
      controller.signal,
    );
    expect(reason).toBe("cancelled");
    expect(host.commits).toEqual([]);
  });

  it("stops after 8 rounds, and stops asking once the user rejects everything", async () => {
    const again = () => reply.stream([toolCall("read_cell", { cell_id: "a" })]);
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]));
    const { reason } = await run(Array.from({ length: 8 }, again), host);
    expect(reason).toBe("max-rounds");
    expect(server?.requests).toHaveLength(8);
    await server?.close();

    const refuser = new MemoryHost(codeNotebook(["a", "x = 1"]), () => "reject");
    const rejected = await run(
      [reply.stream([toolCall("edit_cell", { cell_id: "a", source: "", why: "w" })])],
      refuser,
    );
    expect(rejected.reason).toBe("finished");
    expect(server?.requests).toHaveLength(1);
  });

  it("reports a model failure as an error event with one sentence", async () => {
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]));
    const { reason, events } = await run([reply.status(401, { message: "bad key" })], host);
    expect(reason).toBe("failed");
    const error = events.find((e) => e.type === "error");
    expect(error?.type === "error" && error.error.code).toBe("AI_KEY_REFUSED");
  });

  it("configures its own client from the environment when given none", async () => {
    server = await startFakeOpenAI([reply.text("Hello.")]);
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPENAI_BASE_URL: server.url,
      OPREL_MODEL: "env-model",
      OPREL_CONTEXT_TOKENS: "500",
      XDG_CONFIG_HOME: "/nonexistent-oprel-config",
    });
    delete process.env.OPENAI_API_KEY;
    try {
      const big = Array.from({ length: 200 }, (_, i): [string, string] => [
        `c${i}`,
        "y = 1\n".repeat(40),
      ]);
      const host = new MemoryHost(codeNotebook(...big));
      const signal = new AbortController().signal;
      expect(await runAssistant("hi", host, { signal })).toBe("finished");
      expect(server.requests[0]?.body?.model).toBe("env-model");
      // OPREL_CONTEXT_TOKENS=500: about 2,000 characters of notebook, not the default 32,000.
      const messages = (server.requests[0]?.body?.messages ?? []) as Array<{ content: string }>;
      const sent = messages[1]?.content ?? "";
      expect(sent).toContain("cells left out here");
      expect(sent.length).toBeLessThan(3000);
      delete process.env.OPREL_MODEL;
      const events: AssistantEvent[] = [];
      const reason = await runAssistant("hi", host, { signal, onEvent: (e) => events.push(e) });
      expect(reason).toBe("failed");
      expect(events).toContainEqual({
        type: "error",
        error: expect.objectContaining({ code: "AI_NO_MODEL" }),
      });
    } finally {
      process.env = saved;
    }
  });

  it("stops after three runs of the same cell", async () => {
    let runs = 0;
    const host = new MemoryHost(codeNotebook(["a", "x = 1"]));
    host.execute = async () => {
      runs += 1;
      // A different error each time, so only the attempt bound can stop the loop.
      const error = {
        output_type: "error" as const,
        ename: "ValueError",
        evalue: `try ${runs}`,
        traceback: [],
      };
      host.current = {
        ...host.current,
        cells: [{ ...(host.current.cells[0] as Cell & { cell_type: "code" }), outputs: [error] }],
      };
      return { status: "error" as const, executionCount: runs };
    };
    const exec = () => reply.stream([toolCall("exec_cell", { cell_id: "a", why: "again" })]);
    const { reason } = await run([exec(), exec(), exec(), exec(), exec()], host);
    expect(reason).toBe("max-attempts");
    expect(runs).toBe(3);
    expect(server?.requests).toHaveLength(4);
  });
});
