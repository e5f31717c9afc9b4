// The fallback reply shape for endpoints without tools: {"message": string, "ops": [{"op": ...}]},
// either as the whole reply (response_format json_object) or as a fenced ```json block in text.
// Each op becomes a raw call so it goes through the same validation as a tool call.

import type { RawCall } from "../provider/types.js";
import { lastJsonFence, readJson } from "./lenient-json.js";

export interface Envelope {
  message: string;
  calls: RawCall[];
  /** A problem with the envelope itself (sent back to the model as an error). */
  problem: string | null;
}

export function parseEnvelope(text: string, fenced: boolean, keyPrefix: string): Envelope {
  const body = fenced ? lastJsonFence(text) : text;
  if (body === null) return { message: text.trim(), calls: [], problem: null };
  const read = readJson(body);
  const prose = fenced ? text.replace(/```(?:json|JSON)?[ \t]*\n[\s\S]*?```/g, "").trim() : "";
  if (!read.ok)
    return { message: prose, calls: [], problem: `Your JSON reply is ${read.message}.` };
  const value = read.value as { message?: unknown; ops?: unknown };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      message: prose,
      calls: [],
      problem: 'Your reply must be an object {"message", "ops"}.',
    };
  }
  const message = typeof value.message === "string" ? value.message : prose;
  const ops = value.ops ?? [];
  if (!Array.isArray(ops)) {
    return { message, calls: [], problem: '"ops" must be an array of operations.' };
  }
  const calls = ops.map((entry, index): RawCall => {
    const { op, ...fields } = (typeof entry === "object" && entry !== null ? entry : {}) as {
      op?: unknown;
    };
    return {
      id: `${keyPrefix}${index + 1}`,
      name: typeof op === "string" ? op : "",
      arguments: JSON.stringify(fields),
    };
  });
  return { message, calls, problem: null };
}
