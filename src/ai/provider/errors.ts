// The SDK's errors as the user should read them: one sentence and a hint, never a stack trace and
// never the key (server messages are redacted: some echo part of the key back).

import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { OprelError } from "../../errors.js";
import { plainText } from "../../terminal/sanitize.js";
import type { Redactor } from "../redact.js";

export interface Endpoint {
  baseURL: string;
  model: string;
}

/** A 400/404 that says the model does not exist (so no reply-mode fallback can help). */
export function isUnknownModel(error: unknown): boolean {
  if (error instanceof NotFoundError) return true;
  if (!(error instanceof APIError) || error.status !== 400) return false;
  const text = `${error.code ?? ""} ${serverMessage(error)}`;
  return /model_not_found|model.*(not found|does not exist|unknown)/i.test(text);
}

/** A 400 that says the conversation does not fit the model's context window. */
export function isContextTooLong(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status !== 400) return false;
  const text = `${error.code ?? ""} ${serverMessage(error)}`;
  return /context_length_exceeded|context length|context window|too many tokens|maximum.*tokens/i.test(
    text,
  );
}

export function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === "string" ? body.message : error.message;
  return plainText(raw).replace(/\s+/g, " ").trim().slice(0, 300);
}

export function toOprelError(error: unknown, endpoint: Endpoint, redact: Redactor): OprelError {
  if (error instanceof OprelError) return error;
  const where = new URL(endpoint.baseURL).origin;
  if (error instanceof APIConnectionError) {
    return new OprelError(
      "AI_UNREACHABLE",
      `Cannot reach the model endpoint ${where}.`,
      "Check that the server runs and OPENAI_BASE_URL points at it (for Ollama: http://localhost:11434/v1).",
      { cause: error },
    );
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new OprelError(
      "AI_KEY_REFUSED",
      `The model endpoint ${where} refused the API key.`,
      "Check OPENAI_API_KEY (and that it belongs to this endpoint).",
      { cause: error },
    );
  }
  if (isUnknownModel(error)) {
    return new OprelError(
      "AI_MODEL_UNKNOWN",
      `The model endpoint ${where} does not know the model "${plainText(endpoint.model)}".`,
      "Pick a model it serves with --model or OPREL_MODEL (and check that OPENAI_BASE_URL ends in /v1).",
      { cause: error },
    );
  }
  if (isContextTooLong(error)) {
    return new OprelError(
      "AI_REQUEST_FAILED",
      `The request is too long for the model "${plainText(endpoint.model)}".`,
      "Use a model with a longer context, or ask about a smaller notebook.",
      { cause: error },
    );
  }
  if (error instanceof RateLimitError) {
    return new OprelError(
      "AI_RATE_LIMITED",
      `The model endpoint ${where} is rate limiting requests: ${redact(serverMessage(error))}`,
      "Wait a minute and ask again, or check the account's quota.",
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    const status = error.status ? ` (HTTP ${error.status})` : "";
    return new OprelError(
      "AI_REQUEST_FAILED",
      `The model endpoint ${where} reported an error${status}: ${redact(serverMessage(error))}`,
      "Try again; if it persists, try another model.",
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new OprelError(
    "AI_REQUEST_FAILED",
    `The request to the model endpoint ${where} failed: ${redact(plainText(message))}`,
    "Try again; run with --debug for details.",
    { cause: error },
  );
}

export function stallError(endpoint: Endpoint, seconds: number): OprelError {
  return new OprelError(
    "AI_TIMEOUT",
    `The model endpoint ${new URL(endpoint.baseURL).origin} sent nothing for ${seconds} s.`,
    "The server may be overloaded or loading the model; try again.",
  );
}
