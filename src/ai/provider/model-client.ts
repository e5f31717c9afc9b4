// One chat completion at a time against an OpenAI-compatible endpoint, streamed. Falls back from
// function tools to a JSON object to a fenced JSON block when the endpoint answers 400, retries a
// 429 within bounds, and gives up on a stream that stalls. Never logs or shows the key.

import { setTimeout as sleep } from "node:timers/promises";
import OpenAI, { APIError, RateLimitError } from "openai";
import { abortError, isAbortError } from "../abort.js";
import type { AiConfig } from "../config.js";
import { parseEnvelope } from "../ops/envelope.js";
import { toolDefinitions } from "../ops/schema.js";
import { makeRedactor, type Redactor } from "../redact.js";
import { isContextTooLong, isUnknownModel, stallError, toOprelError } from "./errors.js";
import { toMessages } from "./messages.js";
import { ToolCallAccumulator } from "./tool-call-accumulator.js";
import type { ModelReply, ReplyMode, Turn } from "./types.js";

export interface ModelClientOptions {
  /**
   * Give up when the endpoint sends nothing for this long (connect, headers or between chunks).
   * Default: the configuration's.
   */
  stallMs?: number;
  /** Retries of a 429 before giving up. */
  maxRetries?: number;
  /** A retry-after longer than this is not waited out. */
  maxRetryWaitMs?: number;
  redact?: Redactor;
  /** Start in this mode (tests; a session remembers what the endpoint supports). */
  mode?: ReplyMode;
}

export interface CompleteOptions {
  signal: AbortSignal;
  /** Streamed reply text as it arrives (tools mode), or the whole message once (JSON modes). */
  onText?: (delta: string) => void;
}

const NEXT_MODE: Record<ReplyMode, ReplyMode | null> = { tools: "json", json: "text", text: null };

export class ModelClient {
  /** What the endpoint turned out to support; later requests start here. */
  mode: ReplyMode;
  readonly redact: Redactor;
  private readonly client: OpenAI;
  private readonly stallMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private replies = 0;

  constructor(
    private readonly config: AiConfig,
    options: ModelClientOptions = {},
  ) {
    this.mode = options.mode ?? "tools";
    this.redact = options.redact ?? makeRedactor();
    this.stallMs = options.stallMs ?? config.stallMs ?? 90_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    this.client = new OpenAI({
      // Loopback servers (Ollama, LM Studio) take any key; the SDK insists on one.
      apiKey: config.apiKey ?? "no-key",
      baseURL: config.baseURL,
      // Our own retry and stall handling; the SDK's would retry unreachable endpoints slowly.
      maxRetries: 0,
      timeout: 24 * 3600_000,
      logLevel: "off",
    });
  }

  get model(): string {
    return this.config.model;
  }

  /** The configured notebook context size (tokens), if any. */
  get contextTokens(): number | undefined {
    return this.config.contextTokens;
  }

  async complete(turns: readonly Turn[], options: CompleteOptions): Promise<ModelReply> {
    let retries = 0;
    for (;;) {
      try {
        return await this.once(turns, options);
      } catch (error) {
        if (options.signal.aborted || isAbortError(error)) throw abortError();
        if (error instanceof RateLimitError && retries < this.maxRetries) {
          const wait = this.retryDelay(error, retries++);
          if (wait !== null) {
            await sleep(wait, undefined, { signal: options.signal }).catch(() => {
              throw abortError();
            });
            continue;
          }
        }
        const next = NEXT_MODE[this.mode];
        // A 400 to tools (or to json mode) means the endpoint lacks the feature; a 400 about the
        // model or the length would only repeat in the next mode.
        const fallback = !isUnknownModel(error) && !isContextTooLong(error);
        if (error instanceof APIError && error.status === 400 && fallback && next) {
          this.mode = next;
          continue;
        }
        throw toOprelError(error, this.config, this.redact);
      }
    }
  }

  private async once(turns: readonly Turn[], options: CompleteOptions): Promise<ModelReply> {
    const mode = this.mode;
    const controller = new AbortController();
    const cancel = () => controller.abort();
    options.signal.addEventListener("abort", cancel, { once: true });
    let stalled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, this.stallMs);
    };
    arm();
    let text = "";
    let finishReason: string | null = null;
    const calls = new ToolCallAccumulator();
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.config.model,
          messages: toMessages(turns, mode, this.redact),
          stream: true,
          ...(mode === "tools"
            ? { tools: toolDefinitions(), tool_choice: "auto" as const }
            : mode === "json"
              ? { response_format: { type: "json_object" as const } }
              : {}),
        },
        { signal: controller.signal },
      );
      // The SDK ends the iteration quietly on abort, so both aborts are checked after the loop.
      for await (const chunk of stream) {
        arm();
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const content = choice.delta?.content;
        if (content) {
          text += content;
          if (mode === "tools") options.onText?.(content);
        }
        for (const delta of choice.delta?.tool_calls ?? []) calls.add(delta);
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (error) {
      if (stalled) throw stallError(this.config, Math.round(this.stallMs / 1000));
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", cancel);
    }
    if (options.signal.aborted) throw abortError();
    if (stalled) throw stallError(this.config, Math.round(this.stallMs / 1000));
    this.replies++;
    if (mode === "tools") {
      const made = calls.result();
      // Some models answer a request with tools by writing the fallback JSON as text instead.
      const written = made.length === 0 ? writtenOps(text, `op${this.replies}-`) : [];
      return {
        mode,
        message: text,
        raw: text,
        calls: [...made, ...written],
        problem: null,
        finishReason,
      };
    }
    const envelope = parseEnvelope(text, mode === "text", `op${this.replies}-`);
    if (envelope.message) options.onText?.(envelope.message);
    return { mode, raw: text, finishReason, ...envelope };
  }

  /** Milliseconds to wait before retrying a 429, or null when the server asks for too long. */
  private retryDelay(error: RateLimitError, attempt: number): number | null {
    const ms = Number(error.headers?.get("retry-after-ms"));
    const seconds = Number(error.headers?.get("retry-after"));
    const asked =
      Number.isFinite(ms) && ms >= 0 && error.headers?.get("retry-after-ms") !== null
        ? ms
        : error.headers?.get("retry-after") !== null && Number.isFinite(seconds) && seconds >= 0
          ? seconds * 1000
          : null;
    if (asked === null) return Math.min(500 * 2 ** attempt, this.maxRetryWaitMs);
    return asked <= this.maxRetryWaitMs ? asked : null;
  }
}

/** Operations written as a fenced {"ops": [...]} block, when they parse; else none. */
function writtenOps(text: string, keyPrefix: string): ModelReply["calls"] {
  if (!/"ops"\s*:/.test(text)) return [];
  const envelope = parseEnvelope(text, true, keyPrefix);
  return envelope.problem ? [] : envelope.calls;
}
