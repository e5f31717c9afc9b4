// The client a front end gets when it does not build its own: configured from the environment and
// the config file, and kept while that configuration stays the same, so what the endpoint turned
// out to support (tools or a JSON fallback) is learnt once per session.

import { type AiConfig, resolveAiConfig } from "../config.js";
import { ModelClient } from "./model-client.js";

let cached: { key: string; client: ModelClient; config: AiConfig } | undefined;

/** Throws OprelError (AI_NO_MODEL, AI_NO_KEY, AI_CONFIG_INVALID) when it cannot be configured. */
export function defaultClient(model?: string): { client: ModelClient; config: AiConfig } {
  const config = resolveAiConfig({ modelFlag: model });
  const key = [
    config.baseURL,
    config.model,
    config.apiKey ?? "",
    config.contextTokens,
    config.stallMs,
  ].join("\n");
  if (cached?.key !== key) cached = { key, client: new ModelClient(config), config };
  return cached;
}
