// The lines of one output, kept outside React: text is appended as it streams in and costs only
// what it adds. Lines live in fixed-size chunks (no ever-growing array or string to copy).
// "\r" and "\b" are resolved by the sanitizer, so a progress bar rewrites its last line in place,
// even when a chunk ends in the middle of it. Only SGR colour survives; colour that a line leaves
// on is carried into the next one, so each stored line draws correctly by itself.

import { SanitizeStream } from "../../terminal/sanitize.js";
import { sgrAfter } from "../../terminal/sgr.js";
import type { LineSource } from "./line-source.js";

const CHUNK_LINES = 1000;

export class LineStore implements LineSource {
  private readonly chunks: string[][] = [[]];
  private finished = 0;
  private readonly stream: SanitizeStream;
  /** Colour in force at the start of the unfinished line. */
  private carry = "";
  private changes = 0;
  private openLine: { version: number; text: string } | undefined;

  constructor(options: { keepColour?: boolean } = {}) {
    this.stream = new SanitizeStream({ keepColour: options.keepColour ?? true });
  }

  /** A store holding `text`, read as complete (nothing more will come). */
  static fromText(text: string, options: { keepColour?: boolean } = {}): LineStore {
    const store = new LineStore(options);
    store.append(text);
    store.end();
    return store;
  }

  get version(): number {
    return this.changes;
  }

  get lineCount(): number {
    return this.finished + (this.stream.hasCurrentLine() ? 1 : 0);
  }

  /** Adds streamed text; costs O(text), however long the output already is. */
  append(text: string): void {
    if (text === "") return;
    this.keep(this.stream.write(text));
  }

  /** The text is complete: an escape sequence cut off at its end is read as it stands. */
  end(): void {
    this.keep(this.stream.end());
  }

  line(index: number): string {
    if (index === this.finished) return this.currentLine();
    return this.chunks[Math.floor(index / CHUNK_LINES)]?.[index % CHUNK_LINES] ?? "";
  }

  slice(start: number, end: number): string[] {
    const from = Math.max(0, start);
    const to = Math.min(end, this.lineCount);
    const lines: string[] = [];
    for (let index = from; index < to; index++) lines.push(this.line(index));
    return lines;
  }

  private keep(lines: string[]): void {
    this.changes += 1;
    for (const raw of lines) {
      let last = this.chunks[this.chunks.length - 1] as string[];
      if (last.length === CHUNK_LINES) {
        last = [];
        this.chunks.push(last);
      }
      last.push(this.carry + raw);
      this.carry = sgrAfter(this.carry, raw);
      this.finished += 1;
    }
  }

  private currentLine(): string {
    if (this.openLine?.version !== this.changes) {
      this.openLine = { version: this.changes, text: this.carry + this.stream.currentLine() };
    }
    return this.openLine.text;
  }
}
