// Where the assistant's model lives: the endpoint from OPENAI_BASE_URL (else the config file, else
// OpenAI), the key from OPENAI_API_KEY, the model from --model, OPREL_MODEL or the config file
// $XDG_CONFIG_HOME/oprel/config.yaml (else ~/.config/oprel/config.yaml):
//
//   model: llama3.1
//   base_url: http://localhost:11434/v1
//   context_tokens: 3000      # the notebook's share of the prompt (OPREL_CONTEXT_TOKENS)
//   stall_seconds: 600        # give up on a silent endpoint after this (OPREL_STALL_SECONDS)
//
// The key is never read from the file, logged or shown: it lives only in the client we build.

import { parseDocument } from "yaml";
import { configFilePath, readOptionalFile } from "../config-files.js";
import { OprelError } from "../errors.js";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface AiConfig {
  baseURL: string;
  /** null for loopback endpoints without a key (Ollama, LM Studio, llama.cpp). */
  apiKey: string | null;
  model: string;
  /** Tokens of notebook context per request; undefined: the builder's default. */
  contextTokens?: number | undefined;
  /**
   * Give up when the endpoint sends nothing for this long. Default 90 s, 300 s on this machine,
   * where a model on a CPU may take minutes to load and to read a long prompt.
   */
  stallMs?: number;
  /** Things the user should know, e.g. a plain-http endpoint off this machine. */
  warnings: string[];
}

export interface ConfigSources {
  modelFlag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Defaults to configPath(env). */
  file?: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return configFilePath("config.yaml", env);
}

interface FileConfig {
  model?: string;
  base_url?: string;
  context_tokens?: string;
  stall_seconds?: string;
}

const SETTINGS = ["model", "base_url", "context_tokens", "stall_seconds"] as const;

export function readConfigFile(path: string): FileConfig {
  const text = readOptionalFile(path, (reason) => invalid(path, reason));
  if (text === null) return {};
  const doc = parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line;
    throw invalid(path, `is not valid YAML${line ? ` (line ${line})` : ""}`);
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(path, `should map settings (${SETTINGS.join(", ")}) to values`);
  }
  const result: FileConfig = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!(SETTINGS as readonly string[]).includes(key)) {
      throw invalid(path, `has an unknown setting "${key}" (known: ${SETTINGS.join(", ")})`);
    }
    const text = typeof setting === "number" ? String(setting) : setting;
    if (typeof text !== "string" || text.trim() === "") {
      throw invalid(path, `setting "${key}" should be a non-empty string`);
    }
    result[key as (typeof SETTINGS)[number]] = text.trim();
  }
  return result;
}

export function resolveAiConfig(sources: ConfigSources = {}): AiConfig {
  const env = sources.env ?? process.env;
  const file = readConfigFile(sources.file ?? configPath(env));
  const baseURL = (env.OPENAI_BASE_URL?.trim() || file.base_url || DEFAULT_BASE_URL).replace(
    /\/+$/,
    "",
  );
  const url = parseEndpoint(baseURL);
  const model = sources.modelFlag?.trim() || env.OPREL_MODEL?.trim() || file.model;
  if (!model) {
    throw new OprelError(
      "AI_NO_MODEL",
      "No model is configured for the assistant.",
      `Pass --model NAME, set OPREL_MODEL, or put "model: NAME" in ${configPath(env)}.`,
    );
  }
  const loopback = isLoopback(url.hostname);
  const apiKey = env.OPENAI_API_KEY?.trim() || null;
  if (!apiKey && !loopback) {
    throw new OprelError(
      "AI_NO_KEY",
      `No API key is set for ${url.origin}.`,
      "Set OPENAI_API_KEY (or point OPENAI_BASE_URL at a local server such as Ollama).",
    );
  }
  const warnings =
    url.protocol !== "https:" && !loopback
      ? [
          `The model endpoint ${url.origin} is neither https nor on this machine: notebook content and the key travel unencrypted.`,
        ]
      : [];
  const contextTokens = wholeNumber(
    env.OPREL_CONTEXT_TOKENS?.trim() || file.context_tokens,
    500,
    "The context size",
    "tokens",
    "OPREL_CONTEXT_TOKENS or context_tokens",
  );
  const stallSeconds = wholeNumber(
    env.OPREL_STALL_SECONDS?.trim() || file.stall_seconds,
    1,
    "The stall timeout",
    "seconds",
    "OPREL_STALL_SECONDS or stall_seconds",
  );
  const stallMs = (stallSeconds ?? (loopback ? 300 : 90)) * 1000;
  return { baseURL, apiKey, model, contextTokens, stallMs, warnings };
}

function wholeNumber(
  text: string | undefined,
  min: number,
  what: string,
  unit: string,
  where: string,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new OprelError(
      "AI_CONFIG_INVALID",
      `${what} "${text}" is not a whole number of ${unit} of at least ${min}.`,
      `Set ${where} in the config file to a whole number.`,
    );
  }
  return value;
}

function parseEndpoint(baseURL: string): URL {
  try {
    const url = new URL(baseURL);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // reported below
  }
  throw new OprelError(
    "AI_CONFIG_INVALID",
    `The model endpoint "${baseURL}" is not an http or https URL.`,
    "Set OPENAI_BASE_URL to a URL such as http://localhost:11434/v1.",
  );
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function invalid(path: string, reason: string): OprelError {
  return new OprelError(
    "AI_CONFIG_INVALID",
    `The assistant's config file ${path} ${reason}.`,
    `Fix or remove the file; it takes ${SETTINGS.join(", ")}.`,
  );
}
