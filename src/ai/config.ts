// Where the assistant's model lives: the endpoint from OPENAI_BASE_URL (else the config file, else
// OpenAI), the key from OPENAI_API_KEY, the model from --model, OPREL_MODEL or the config file
// $XDG_CONFIG_HOME/oprel/config.yaml (else ~/.config/oprel/config.yaml):
//
//   model: llama3.1
//   base_url: http://localhost:11434/v1
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
}

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
    throw invalid(path, "should map settings (model, base_url) to values");
  }
  const result: FileConfig = {};
  for (const [key, setting] of Object.entries(value)) {
    if (key !== "model" && key !== "base_url") {
      throw invalid(path, `has an unknown setting "${key}" (known: model, base_url)`);
    }
    if (typeof setting !== "string" || setting.trim() === "") {
      throw invalid(path, `setting "${key}" should be a non-empty string`);
    }
    result[key] = setting.trim();
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
  return { baseURL, apiKey, model, warnings };
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
    "Fix or remove the file; it takes model and base_url.",
  );
}
