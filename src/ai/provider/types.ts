// The provider's own, API-neutral view of a conversation. The agent loop speaks in turns; the
// provider turns them into chat messages for the reply mode the endpoint supports.

/** A tool call as the model sent it: the arguments are still unparsed text. */
export interface RawCall {
  id: string;
  name: string;
  arguments: string;
}

/** How the endpoint answers: function tools, a JSON object, or a fenced JSON block in text. */
export type ReplyMode = "tools" | "json" | "text";

export interface CallResult {
  callId: string;
  name: string;
  /** What the model reads: JSON text with status, cell id, outputs or the error. */
  content: string;
}

export type Turn =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  /** `content` is the reply as the model wrote it (for JSON modes, the JSON text itself). */
  | { role: "assistant"; content: string; calls: RawCall[] }
  | { role: "results"; results: CallResult[] };

export interface ModelReply {
  mode: ReplyMode;
  /** The message for the user. */
  message: string;
  /** The reply as the model wrote it, to send back as its own turn. */
  raw: string;
  calls: RawCall[];
  /** A problem with a JSON-mode reply as a whole, for the model to fix. */
  problem: string | null;
  finishReason: string | null;
}
