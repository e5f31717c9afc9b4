// The agent loop the terminal UI drives (src/ai's runAssistant), loaded on first use so opening a
// notebook never waits for the model client. The configuration is read at each request, so a
// model set after start-up counts; the client is kept while it stays the same, since it remembers
// what the endpoint supports (tools, or a JSON fallback).

import type { AssistantEvent, AssistantHost, StopReason } from "../../ai/contract.js";

export interface RunnerOptions {
  signal: AbortSignal;
  onEvent: (event: AssistantEvent) => void;
}

export interface AssistantRunner {
  /** Warnings about the endpoint (plain http off this machine), for the status line. */
  warnings: readonly string[];
  run(request: string, host: AssistantHost, options: RunnerOptions): Promise<StopReason>;
}

/** Throws the configuration's OprelError (no model, no key, a bad config file). */
export async function loadRunner(): Promise<AssistantRunner> {
  const [{ defaultClient }, { runAssistant }] = await Promise.all([
    import("../../ai/provider/default-client.js"),
    import("../../ai/loop/run-assistant.js"),
  ]);
  // The one client src/ai keeps per configuration (endpoint, model, key, context size, stall time).
  const { client, config } = defaultClient();
  return {
    warnings: config.warnings,
    run: (request, host, options) => runAssistant(request, host, { ...options, client }),
  };
}
