// A fake OpenAI-compatible server for tests: node:http on 127.0.0.1 that replays scripted replies to
// POST /v1/chat/completions (any path ending in /chat/completions) in the real SSE wire format, and
// records every request body so a test can assert what was sent.
//
//   const server = await startFakeOpenAI([
//     reply.stream([text("Fixing it."), toolCall("c1", "edit_cell", {cell_id: "a", ...})]),
//     reply.status(429, { retryAfter: 0 }),
//     reply.stream([text("Done.")]),
//   ]);
//   // OPENAI_BASE_URL=server.url ... ; server.requests[0].body.messages ...
//   await server.close();
//
// Each request takes the next step of the script; once the script runs out, the server answers
// 500 "script exhausted" (and records the request), so an unexpected extra call fails the test.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One SSE item: a chunk object (sent as `data: {json}`), or a raw line (a `: keep-alive`). */
export type SseItem = { data: unknown } | { raw: string };

export type Step =
  /** 200 text/event-stream: each item, then `data: [DONE]` unless `stallAfter`/`noDone`. */
  | {
      kind: "stream";
      items: SseItem[];
      /** Milliseconds between items (0 = all at once). */
      delayMs?: number;
      /** Send this many items, then keep the connection open and silent. */
      stallAfter?: number;
      noDone?: boolean;
    }
  /** An HTTP error with an OpenAI-shaped error body. */
  | {
      kind: "status";
      status: number;
      message: string;
      code?: string | null;
      headers?: Record<string, string>;
    }
  /** A plain (non-stream) JSON body. */
  | { kind: "json"; body: unknown };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body (null when it was not JSON). */
  body: Record<string, unknown> | null;
  raw: string;
}

export interface FakeOpenAI {
  /** Base URL to use as OPENAI_BASE_URL, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  /** Appends steps to the script (for tests that decide later rounds as they go). */
  push(...steps: Step[]): void;
  close(): Promise<void>;
}

// ---- Chunk builders: the shapes real servers send.

let counter = 0;
function chunk(delta: Record<string, unknown>, finish: string | null = null): SseItem {
  return {
    data: {
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: 1_700_000_000,
      model: "fake-model",
      choices: [{ index: 0, delta, finish_reason: finish }],
    },
  };
}

/** Streamed reply text, split into a few deltas as servers do. */
export function text(content: string, pieces = 3): SseItem[] {
  const size = Math.max(1, Math.ceil(content.length / pieces));
  const items: SseItem[] = [chunk({ role: "assistant", content: "" })];
  for (let at = 0; at < content.length; at += size)
    items.push(chunk({ content: content.slice(at, at + size) }));
  return items;
}

export interface ToolCallOptions {
  /** Position among this reply's tool calls (the `index` field). */
  index?: number;
  /** Leave out `index` in every delta (some servers do). */
  noIndex?: boolean;
  /** Send the whole call in one chunk instead of name first, then arguments in pieces. */
  whole?: boolean;
  /** The arguments string as is (for invalid JSON); otherwise JSON.stringify(args). */
  rawArguments?: string;
  id?: string;
}

/** One tool call, streamed as OpenAI streams it (or with the given quirk). */
export function toolCall(name: string, args: unknown, options: ToolCallOptions = {}): SseItem[] {
  const id = options.id ?? `call_${++counter}`;
  const argText = options.rawArguments ?? JSON.stringify(args);
  const at = options.noIndex ? {} : { index: options.index ?? 0 };
  const call = (fields: Record<string, unknown>) => chunk({ tool_calls: [{ ...at, ...fields }] });
  if (options.whole) {
    return [call({ id, type: "function", function: { name, arguments: argText } })];
  }
  const items = [call({ id, type: "function", function: { name, arguments: "" } })];
  const size = Math.max(1, Math.ceil(argText.length / 3));
  for (let pos = 0; pos < argText.length; pos += size)
    items.push(call({ function: { arguments: argText.slice(pos, pos + size) } }));
  return items;
}

/** Several tool calls in one reply, indexed 0, 1, ... (options apply to each). */
export function toolCalls(
  calls: Array<[name: string, args: unknown]>,
  options: Omit<ToolCallOptions, "index" | "id"> = {},
): SseItem[] {
  return calls.flatMap(([name, args], index) => toolCall(name, args, { ...options, index }));
}

export function finish(reason: "stop" | "tool_calls" | "length" = "stop"): SseItem {
  return chunk({}, reason);
}

export function keepAlive(comment = "keep-alive"): SseItem {
  return { raw: `: ${comment}` };
}

/** An error object inside the stream, as OpenAI sends when a request fails after it began. */
export function errorEvent(message: string, code = "server_error"): SseItem {
  return { data: { error: { message, type: "server_error", code } } };
}

/** Step builders. */
export const reply = {
  stream(
    items: Array<SseItem | SseItem[]>,
    options: Omit<Step & { kind: "stream" }, "kind" | "items"> = {},
  ): Step {
    return { kind: "stream", items: items.flat(), ...options };
  },
  status(
    status: number,
    options: { message?: string; code?: string | null; retryAfter?: number } = {},
  ): Step {
    return {
      kind: "status",
      status,
      message: options.message ?? `fake error ${status}`,
      code: options.code ?? null,
      headers:
        options.retryAfter === undefined ? {} : { "retry-after": String(options.retryAfter) },
    };
  },
  /** The 400 an endpoint without tool support answers (as vLLM/llama.cpp servers do). */
  noTools(): Step {
    return reply.status(400, { message: "tools is not supported for this model", code: null });
  },
  /** Plain text in one stream, the usual last fallback. */
  text(content: string): Step {
    return reply.stream([text(content), finish("stop")]);
  },
};

export async function startFakeOpenAI(script: Step[] = []): Promise<FakeOpenAI> {
  const steps = [...script];
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (part: string) => {
      raw += part;
    });
    req.on("end", () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = null;
      }
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        raw,
      });
      open.add(res);
      res.on("close", () => open.delete(res));
      const step = steps.shift();
      if (!step) return sendError(res, 500, "fake-openai: script exhausted", null, {});
      void play(step, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    push: (...more) => {
      steps.push(...more);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string | null,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { message, type: "invalid_request_error", param: null, code } }));
}

async function play(step: Step, res: ServerResponse): Promise<void> {
  if (step.kind === "status")
    return sendError(res, step.status, step.message, step.code ?? null, step.headers ?? {});
  if (step.kind === "json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(step.body));
    return;
  }
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();
  const limit = step.stallAfter ?? step.items.length;
  for (const [position, item] of step.items.entries()) {
    if (position >= limit || res.destroyed) return;
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    res.write("data" in item ? `data: ${JSON.stringify(item.data)}\n\n` : `${item.raw}\n\n`);
  }
  if (step.stallAfter !== undefined || res.destroyed) return;
  if (!step.noDone) res.write("data: [DONE]\n\n");
  res.end();
}
