// JSON lines over the worker's fd 3. Chunks may split a line, or a multi-byte UTF-8 character,
// anywhere: bytes are kept until a newline arrives and only whole lines are decoded, so no
// character is ever cut and no string grows by repeated concatenation.

import { parseJson } from "../notebook/json-parse.js";
import type { WorkerMessage, WorkerRequest } from "./protocol.js";

const NEWLINE = 0x0a;

export class LineDecoder {
  private pending: Buffer[] = [];

  constructor(
    private readonly onMessage: (message: WorkerMessage) => void,
    private readonly onBadLine: (line: string, error: unknown) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      let line: Buffer = chunk.subarray(start, newline);
      if (this.pending.length > 0) {
        this.pending.push(line);
        line = Buffer.concat(this.pending);
        this.pending = [];
      }
      this.decode(line);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  private decode(line: Buffer): void {
    if (line.length === 0) return;
    const text = line.toString("utf8");
    let message: WorkerMessage;
    try {
      message = (mayHoldJsonData(text) ? parseJson(text) : JSON.parse(text)) as WorkerMessage;
    } catch (error) {
      this.onBadLine(text, error);
      return;
    }
    this.onMessage(message);
  }
}

export function encodeRequest(request: WorkerRequest): string {
  // JSON.stringify escapes newlines inside strings, so one request is always one line.
  return `${JSON.stringify(request)}\n`;
}

/**
 * JSON MIME data (application/json, *+json) may hold numbers like 1.0 that JSON.parse turns into 1;
 * the notebook's parser keeps how they were written, so the saved file matches Jupyter's. It is
 * slower, so only messages that can carry such data take it.
 */
function mayHoldJsonData(text: string): boolean {
  return /application\/json"|\+json"/.test(text);
}
