// The agent loop the terminal UI drives (src/ai's runAssistant), loaded on first use so opening a
// notebook never waits for the model client.

import type { AssistantEvent, AssistantHost } from "../../ai/contract.js";

export interface RunnerOptions {
  signal: AbortSignal;
  onEvent: (event: AssistantEvent) => void;
}

export type AssistantRunner = (
  request: string,
  host: AssistantHost,
  options: RunnerOptions,
) => Promise<unknown>;

export async function loadRunner(): Promise<AssistantRunner> {
  throw new Error("The assistant is not part of this build yet.");
}
