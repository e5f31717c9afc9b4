// The app's one reader of stdin: raw mode, our parser, and the short timer that tells a lone
// Escape from the start of an escape sequence.

import { log } from "../../log.js";
import { type InputEvent, InputParser, type ResponseEvent } from "../keys/parse-input.js";

export interface InputStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  on(event: "end" | "error", listener: (error?: Error) => void): unknown;
  off(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  off(event: "end" | "error", listener: (error?: Error) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface AttachOptions {
  /** Query responses go here instead of onEvent (hand them to Fullscreen.handleResponse). */
  onResponse?: (event: ResponseEvent) => void;
  /**
   * The terminal is gone: stdin ended or failed (EIO after a hang-up). Without this the error is
   * only logged, never thrown, so a lost terminal cannot turn into a crash report.
   */
  onClose?: (error?: Error) => void;
  /** How long an ESC waits for a following byte before it counts as the Escape key. */
  escapeTimeoutMs?: number;
}

/** Starts reading keys; returns detach(), which stops and puts raw mode back as it was. */
export function attachInput(
  stdin: InputStream,
  onEvent: (event: InputEvent) => void,
  options: AttachOptions = {},
): () => void {
  const parser = new InputParser();
  const escapeTimeoutMs = options.escapeTimeoutMs ?? 25;
  let timer: NodeJS.Timeout | undefined;
  const wasRaw = stdin.isRaw ?? false;
  if (stdin.isTTY && stdin.setRawMode && !wasRaw) stdin.setRawMode(true);

  const deliver = (events: InputEvent[]) => {
    for (const event of events) {
      if (event.type === "response" && options.onResponse) options.onResponse(event);
      else onEvent(event);
    }
  };
  const onData = (chunk: Buffer | string) => {
    clearTimeout(timer);
    timer = undefined;
    deliver(parser.feed(chunk));
    if (parser.waiting) timer = setTimeout(() => deliver(parser.flush()), escapeTimeoutMs);
  };
  const onClose = (error?: Error) => {
    if (error) log("input", `stdin failed: ${error.message}`);
    options.onClose?.(error);
  };
  stdin.on("data", onData);
  stdin.on("end", onClose);
  stdin.on("error", onClose);
  stdin.resume();

  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    clearTimeout(timer);
    stdin.off("data", onData);
    stdin.off("end", onClose);
    stdin.off("error", onClose);
    stdin.pause();
    try {
      if (stdin.isTTY && stdin.setRawMode && !wasRaw) stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
  };
}
