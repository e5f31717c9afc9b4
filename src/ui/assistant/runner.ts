// The agent loop the terminal UI drives (src/ai's runAssistant), loaded on first use so opening a
// notebook never waits for the model client. The configuration is read at each request, so a
// model set after start-up counts; the client is kept while it stays the same, since it remembers
// what the endpoint supports (tools, or a JSON fallback).

import { createHash } from "node:crypto";
import type { AiConfig } from "../../ai/config.js";
import type { AssistantEvent, AssistantHost, StopReason } from "../../ai/contract.js";
import type { ModelClient } from "../../ai/provider/model-client.js";

export interface RunnerOptions {
  signal: AbortSignal;
  onEvent: (event: AssistantEvent) => void;
}

export interface AssistantRunner {
  /** Warnings about the endpoint (plain http off this machine), for the status line. */
  warnings: readonly string[];
  run(request: string, host: AssistantHost, options: RunnerOptions): Promise<StopReason>;
}

let kept: { key: string; client: ModelClient } | undefined;

/** Throws the configuration's OprelError (no model, no key, a bad config file). */
export async function loadRunner(): Promise<AssistantRunner> {
  const [{ resolveAiConfig }, { ModelClient }, { runAssistant }] = await Promise.all([
    import("../../ai/config.js"),
    import("../../ai/provider/model-client.js"),
    import("../../ai/loop/run-assistant.js"),
  ]);
  const config = resolveAiConfig();
  const key = configKey(config);
  if (kept?.key !== key) kept = { key, client: new ModelClient(config) };
  const client = kept.client;
  return {
    warnings: config.warnings,
    run: (request, host, options) => runAssistant(request, host, { ...options, client }),
  };
}

function configKey(config: AiConfig): string {
  // A digest, so the key itself is kept nowhere but in the client.
  const secret =
    config.apiKey === null ? "" : createHash("sha256").update(config.apiKey).digest("hex");
  return JSON.stringify([config.baseURL, config.model, secret]);
}
