// The provider against a real HTTP server speaking the OpenAI wire format, quirks included.

import { afterEach, describe, expect, it } from "vitest";
import { isAbortError } from "../../../src/ai/abort.js";
import type { AiConfig } from "../../../src/ai/config.js";
import { ModelClient, type ModelClientOptions } from "../../../src/ai/provider/model-client.js";
import type { Turn } from "../../../src/ai/provider/types.js";
import { makeRedactor } from "../../../src/ai/redact.js";
import { OprelError } from "../../../src/errors.js";
import {
  errorEvent,
  type FakeOpenAI,
  finish,
  keepAlive,
  reply,
  type Step,
  startFakeOpenAI,
  text,
  toolCall,
  toolCalls,
} from "../../support/fake-openai.js";

const turns: Turn[] = [
  { role: "system", content: "You edit notebooks." },
  { role: "user", content: "fix it" },
];
let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Step[], options: ModelClientOptions = {}, apiKey = "test-key") {
  server = await startFakeOpenAI(script);
  const config: AiConfig = { baseURL: server.url, apiKey, model: "fake-model", warnings: [] };
  return new ModelClient(config, { redact: makeRedactor({}), ...options });
}

function complete(client: ModelClient, signal = new AbortController().signal) {
  const deltas: string[] = [];
  return client
    .complete(turns, { signal, onText: (delta) => deltas.push(delta) })
    .then((result) => ({ ...result, deltas }));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );
}

describe("ModelClient", () => {
  it("streams text and a tool call, and sends tools in the request", async () => {
    const client = await clientFor([
      reply.stream([
        text("Fixing the name."),
        toolCall("edit_cell", { cell_id: "a", source: "x = 1", why: "define x" }, { id: "c1" }),
        finish("tool_calls"),
      ]),
    ]);
    const result = await complete(client);
    expect(result.message).toBe("Fixing the name.");
    expect(result.deltas.join("")).toBe("Fixing the name.");
    expect(result.calls).toEqual([
      {
        id: "c1",
        name: "edit_cell",
        arguments: '{"cell_id":"a","source":"x = 1","why":"define x"}',
      },
    ]);
    const body = server?.requests[0]?.body as { tools: Array<{ function: { name: string } }> };
    expect(body.tools.map((tool) => tool.function.name)).toEqual([
      "add_cell",
      "edit_cell",
      "replace_in_cell",
      "delete_cell",
      "move_cell",
      "exec_cell",
      "read_cell",
    ]);
    expect(server?.requests[0]?.headers.authorization).toBe("Bearer test-key");
  });

  it("reassembles tool calls sent without an index, and whole calls in one chunk among keep-alives", async () => {
    const client = await clientFor([
      reply.stream([
        keepAlive(),
        toolCall("exec_cell", { cell_id: "a", why: "run" }, { noIndex: true, id: "c1" }),
        keepAlive("ping"),
        toolCall("exec_cell", { cell_id: "b", why: "run" }, { noIndex: true, id: "c2" }),
        toolCall("read_cell", { cell_id: "c" }, { whole: true, index: 2, id: "c3" }),
        finish("tool_calls"),
      ]),
    ]);
    const result = await complete(client);
    expect(result.calls.map((call) => [call.id, JSON.parse(call.arguments).cell_id])).toEqual([
      ["c1", "a"],
      ["c2", "b"],
      ["c3", "c"],
    ]);
  });

  it("keeps several indexed calls apart and passes invalid JSON arguments through as text", async () => {
    const client = await clientFor([
      reply.stream([
        toolCalls([
          ["exec_cell", { cell_id: "a", why: "run" }],
          ["exec_cell", { cell_id: "b", why: "run" }],
        ]),
        toolCall("edit_cell", null, { index: 2, rawArguments: '{"cell_id": "a", "source": ' }),
      ]),
    ]);
    const result = await complete(client);
    expect(result.calls).toHaveLength(3);
    expect(result.calls[2]?.arguments).toBe('{"cell_id": "a", "source": ');
  });

  it("turns an error event in the middle of a stream into one sentence", async () => {
    const client = await clientFor([
      reply.stream([text("Starting"), errorEvent("The server had an error while processing")]),
    ]);
    const error = await failure(complete(client));
    expect(error).toBeInstanceOf(OprelError);
    expect((error as OprelError).code).toBe("AI_REQUEST_FAILED");
    expect((error as OprelError).message).toContain("The server had an error while processing");
  });

  it("retries a 429, waiting as retry-after says", async () => {
    const client = await clientFor([
      reply.status(429, { retryAfter: 0, message: "slow down" }),
      reply.stream([text("ok"), finish()]),
    ]);
    const result = await complete(client);
    expect(result.message).toBe("ok");
    expect(server?.requests).toHaveLength(2);
  });

  it("gives up on 429 after its retries", async () => {
    const client = await clientFor(
      [reply.status(429, { retryAfter: 0 }), reply.status(429, { retryAfter: 0 })],
      { maxRetries: 1 },
    );
    const error = (await failure(complete(client))) as OprelError;
    expect(error.code).toBe("AI_RATE_LIMITED");
  });

  it("falls back to a JSON object, then to a fenced block, when the endpoint rejects tools", async () => {
    const envelope = {
      message: "Adding a cell.",
      ops: [
        {
          op: "add_cell",
          after_cell_id: null,
          cell_type: "code",
          source: "1",
          ref: null,
          why: "w",
        },
      ],
    };
    const client = await clientFor([
      reply.noTools(),
      reply.stream([text(JSON.stringify(envelope)), finish()]),
    ]);
    const first = await complete(client);
    expect(client.mode).toBe("json");
    expect(first.message).toBe("Adding a cell.");
    expect(first.calls[0]?.name).toBe("add_cell");
    expect(JSON.parse(first.calls[0]?.arguments ?? "")).toEqual({
      ...envelope.ops[0],
      op: undefined,
    });
    const second = server?.requests[1]?.body ?? {};
    expect(second.tools).toBeUndefined();
    expect(second.response_format).toEqual({ type: "json_object" });

    server?.push(
      reply.status(400, { message: "response_format is not supported" }),
      reply.text(`Sure.\n\n\`\`\`json\n${JSON.stringify(envelope)}\n\`\`\`\n`),
    );
    const third = await complete(client);
    expect(client.mode).toBe("text");
    expect(third.calls).toHaveLength(1);
    expect(server?.requests[3]?.body?.response_format).toBeUndefined();
  });

  it("takes operations a model wrote as a JSON block although tools were offered", async () => {
    const ops = { ops: [{ op: "exec_cell", cell_id: "a", why: "run" }] };
    const client = await clientFor([
      reply.text(`Running it.\n\`\`\`json\n${JSON.stringify(ops)}\n\`\`\``),
      reply.text('An example: ```json\n{"ops": [oops]}\n```'),
    ]);
    const result = await complete(client);
    expect(client.mode).toBe("tools");
    expect(result.calls).toEqual([
      { id: "op1-1", name: "exec_cell", arguments: '{"cell_id":"a","why":"run"}' },
    ]);
    expect((await complete(client)).calls).toEqual([]);
  });

  it("reports a request too long for the model instead of falling back", async () => {
    const client = await clientFor([
      reply.status(400, {
        message: "This model's maximum context length is 8192 tokens.",
        code: "context_length_exceeded",
      }),
    ]);
    const error = (await failure(complete(client))) as OprelError;
    expect(error.message).toContain("too long for the model");
    expect(client.mode).toBe("tools");
    expect(server?.requests).toHaveLength(1);
  });

  it("times out a stalled stream", async () => {
    const client = await clientFor([reply.stream([text("Thinking about")], { stallAfter: 2 })], {
      stallMs: 300,
    });
    const error = (await failure(complete(client))) as OprelError;
    expect(error.code).toBe("AI_TIMEOUT");
  });

  it("cancels a stream at once when the signal aborts", async () => {
    const client = await clientFor([reply.stream([text("Thinking about it")], { stallAfter: 2 })]);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const error = await failure(complete(client, controller.signal));
    expect(isAbortError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("explains a refused key without showing it, and an unknown model", async () => {
    const key = "sk-abcdefghijklmnopqrstuvwxyz123456";
    const refused = await clientFor(
      [reply.status(401, { message: `Incorrect API key provided: ${key}` })],
      { redact: makeRedactor({ OPENAI_API_KEY: key }) },
      key,
    );
    const error = (await failure(complete(refused))) as OprelError;
    expect(error.code).toBe("AI_KEY_REFUSED");
    expect(error.format()).not.toContain(key);
    await server?.close();

    const unknown = await clientFor([
      reply.status(404, { message: "model 'nope' not found", code: "model_not_found" }),
    ]);
    expect(((await failure(complete(unknown))) as OprelError).code).toBe("AI_MODEL_UNKNOWN");
  });

  it("explains an endpoint that cannot be reached", async () => {
    const config: AiConfig = {
      baseURL: "http://127.0.0.1:9/v1",
      apiKey: null,
      model: "m",
      warnings: [],
    };
    const error = (await failure(complete(new ModelClient(config)))) as OprelError;
    expect(error.code).toBe("AI_UNREACHABLE");
    expect(error.format()).toContain("127.0.0.1:9");
  });

  it("redacts secrets from everything it sends", async () => {
    const secret = "hunter2-very-secret";
    const client = await clientFor([reply.text("ok")], {
      redact: makeRedactor({ DB_PASSWORD: secret }),
    });
    await client.complete(
      [
        { role: "system", content: "sys" },
        { role: "user", content: `password = "${secret}" and token ghp_${"a".repeat(36)}` },
      ],
      { signal: new AbortController().signal },
    );
    const raw = server?.requests[0]?.raw ?? "";
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain("ghp_aaaa");
    expect(raw).toContain("[redacted DB_PASSWORD]");
  });
});
