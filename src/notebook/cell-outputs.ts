// One cell's outputs while they are being recorded, with a cap on what they keep. Stream text is kept
// as a list of chunks and joined only when the outputs are read, so appending costs the same at the
// first line as at the millionth. Past the cap (default 100 MB) the cell keeps its first half and its
// last half, with a note in between saying how much was dropped: a cell printing gigabytes neither
// runs the controller out of memory nor past JavaScript's longest string, and the saved notebook
// still shows how the output began and how it ended (as VS Code's output limit does).
// Sizes are counted in UTF-16 code units, which is bytes for ASCII text.

import { joinMultiline } from "./multiline.js";
import type { Output, StreamName } from "./types.js";

export const DEFAULT_MAX_OUTPUT = 100 * 1024 * 1024;

/** How far a cut may move to land on a line boundary, so kept lines stay whole. */
const LINE_SLACK = 4096;

type Entry =
  /** Text is chunks[from..]; chunks before `from` were dropped. */
  | { kind: "stream"; name: StreamName; chunks: string[]; from: number; size: number }
  | { kind: "other"; output: Output; size: number };

/** What the cap dropped from a cell's output since its last clear. */
export interface Truncation {
  dropped: number;
  limit: number;
}

export class CellOutputs {
  private head: Entry[] = [];
  private headSize = 0;
  /** After the cap struck: the latest outputs, oldest first, from `tailStart` on. */
  private tail: (Entry | undefined)[] = [];
  private tailStart = 0;
  private tailSize = 0;
  private dropped = 0;
  private cached: Output[] | undefined;

  constructor(readonly limit = DEFAULT_MAX_OUTPUT) {}

  /** A recorder that starts from outputs already there (they count towards the cap). */
  static of(outputs: readonly Output[], limit = DEFAULT_MAX_OUTPUT): CellOutputs {
    const cell = new CellOutputs(limit);
    for (const output of outputs) cell.add(output);
    if (outputs.length > 0 && cell.dropped === 0) cell.cached = outputs as Output[];
    return cell;
  }

  get truncation(): Truncation | undefined {
    return this.dropped > 0 ? { dropped: this.dropped, limit: this.limit } : undefined;
  }

  clear(): void {
    this.head = [];
    this.headSize = 0;
    this.tail = [];
    this.tailStart = 0;
    this.tailSize = 0;
    this.dropped = 0;
    this.cached = undefined;
  }

  /** Appends an output; stream text joins the previous output when that is the same stream. */
  add(output: Output): void {
    this.cached = undefined;
    const truncating = this.dropped > 0 || this.tail.length > this.tailStart;
    const list = truncating ? this.tail : this.head;
    const size = append(list, output, truncating ? this.tailStart : 0);
    if (truncating) {
      this.tailSize += size;
      this.trimTail();
    } else {
      this.headSize += size;
      if (this.headSize > this.limit) this.startTruncating();
    }
  }

  /** Gives every output with this display id new data and metadata; false when none has it. */
  updateDisplay(displayId: string, data: object, metadata: object): boolean {
    let changed = false;
    for (const list of [this.head, this.tail]) {
      for (const entry of list) {
        if (entry?.kind === "other" && displayIdOf(entry.output) === displayId) {
          entry.output = { ...entry.output, data, metadata } as Output;
          changed = true;
        }
      }
    }
    if (changed) this.cached = undefined;
    return changed;
  }

  /**
   * The outputs as nbformat has them; the same array until the next change. Past the cap, the kept
   * start, the note and the kept end are separate stream outputs (they read as one): joining them
   * would need the memory of both at once.
   */
  outputs(): Output[] {
    if (this.cached) return this.cached;
    const outputs = this.head.map(toOutput);
    if (this.dropped > 0) {
      const last = outputs.at(-1);
      const midLine = last?.output_type === "stream" && !joinMultiline(last.text).endsWith("\n");
      outputs.push(noteOutput(this.noteStream(), this.dropped, this.limit, midLine));
      for (let i = this.tailStart; i < this.tail.length; i++)
        outputs.push(toOutput(this.tail[i] as Entry));
    }
    this.cached = outputs;
    return outputs;
  }

  private noteStream(): StreamName {
    const last = this.head.at(-1);
    if (last?.kind === "stream") return last.name;
    const first = this.tail[this.tailStart];
    return first?.kind === "stream" ? first.name : "stderr";
  }

  /** The cap is passed: keep the first half as the head, the rest becomes the tail. */
  private startTruncating(): void {
    const headBudget = Math.floor(this.limit / 2);
    let used = 0;
    let index = 0;
    for (; index < this.head.length; index++) {
      const entry = this.head[index] as Entry;
      if (used + entry.size <= headBudget) {
        used += entry.size;
        continue;
      }
      if (entry.kind === "stream") {
        const [first, rest] = splitStream(entry, headBudget - used);
        if (first.size > 0) {
          this.head[index] = first;
          used += first.size;
          index += 1;
        }
        this.head.splice(index, 0, rest);
      }
      break;
    }
    this.tail = this.head.slice(index);
    this.tailStart = 0;
    this.head.length = index;
    this.headSize = used;
    // The head is final now: join it at once, so its join and the tail's (when the outputs are
    // read) never need their extra memory at the same time.
    for (const entry of this.head) toOutput(entry);
    this.tailSize = this.tail.reduce((sum, entry) => sum + (entry?.size ?? 0), 0);
    this.trimTail();
  }

  /** Drops the oldest tail text until the tail fits in its half of the cap. */
  private trimTail(): void {
    const budget = this.limit - Math.floor(this.limit / 2);
    while (this.tailSize > budget && this.tailStart < this.tail.length) {
      const first = this.tail[this.tailStart] as Entry;
      const excess = this.tailSize - budget;
      if (first.size <= excess || first.kind === "other") {
        this.tail[this.tailStart] = undefined;
        this.tailStart += 1;
        this.tailSize -= first.size;
        this.dropped += first.size;
        continue;
      }
      const before = first.size;
      dropStreamStart(first, excess);
      this.tailSize -= before - first.size;
      this.dropped += before - first.size;
    }
    // Forget dropped entries now and then, so the array does not grow without end.
    if (this.tailStart > 1024 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }
}

/** Adds the output to the list (joining a stream to the last entry); returns its size. */
function append(list: (Entry | undefined)[], output: Output, start: number): number {
  if (output.output_type === "stream") {
    const text = joinMultiline(output.text);
    const last = list.length > start ? list.at(-1) : undefined;
    if (last?.kind === "stream" && last.name === output.name) {
      last.chunks.push(text);
      last.size += text.length;
    } else {
      list.push({ kind: "stream", name: output.name, chunks: [text], from: 0, size: text.length });
    }
    return text.length;
  }
  const size = sizeOf(output);
  list.push({ kind: "other", output, size });
  return size;
}

function toOutput(entry: Entry): Output {
  if (entry.kind === "other") return entry.output;
  // Joined once; later reads reuse the joined text. `+` rather than join(""): a rope, not a copy of
  // all the text so far, so a stream read at every repaint costs what arrived since the last read.
  if (entry.chunks.length - entry.from !== 1) {
    let text = "";
    for (let i = entry.from; i < entry.chunks.length; i++) text += entry.chunks[i] as string;
    entry.chunks = [text];
    entry.from = 0;
  }
  return { output_type: "stream", name: entry.name, text: entry.chunks[entry.from] ?? "" };
}

/**
 * Splits a stream entry after about `keep` units, at a line end when one is near. Only the chunk
 * where the cut falls is sliced: joining the whole text first would leave the kept half holding
 * the memory of both.
 */
function splitStream(entry: Entry & { kind: "stream" }, keep: number): [Entry, Entry] {
  const chunks = entry.chunks.slice(entry.from);
  let used = 0;
  let index = 0;
  while (index < chunks.length && used + (chunks[index] as string).length <= keep) {
    used += (chunks[index] as string).length;
    index += 1;
  }
  const head = chunks.slice(0, index);
  const rest = chunks.slice(index);
  const crossing = rest[0];
  if (crossing !== undefined) {
    let cut = safeCut(crossing, keep - used);
    const lineEnd = cut === 0 ? -1 : crossing.lastIndexOf("\n", cut - 1);
    if (lineEnd !== -1 && cut - lineEnd <= LINE_SLACK) cut = lineEnd + 1;
    // No line end in this chunk near the cut: cut before it, where the last chunk ended.
    else if (lineEnd === -1 && used > 0 && cut <= LINE_SLACK) cut = 0;
    if (cut > 0) head.push(crossing.slice(0, cut));
    rest[0] = crossing.slice(cut);
  }
  const stream = (part: string[]): Entry => ({
    kind: "stream",
    name: entry.name,
    chunks: part,
    from: 0,
    size: part.reduce((sum, chunk) => sum + chunk.length, 0),
  });
  return [stream(head), stream(rest)];
}

/** Drops at least `count` units from the start of a stream entry, up to a near line end. */
function dropStreamStart(entry: Entry & { kind: "stream" }, count: number): void {
  const { chunks } = entry;
  let left = count;
  while (entry.from < chunks.length && (chunks[entry.from] as string).length <= left) {
    const size = (chunks[entry.from] as string).length;
    left -= size;
    entry.size -= size;
    chunks[entry.from] = "";
    entry.from += 1;
  }
  if (left > 0 && entry.from < chunks.length) {
    const chunk = chunks[entry.from] as string;
    let cut = safeCut(chunk, left);
    const lineEnd = chunk.indexOf("\n", cut);
    if (lineEnd !== -1 && lineEnd - cut < LINE_SLACK) cut = lineEnd + 1;
    chunks[entry.from] = chunk.slice(cut);
    entry.size -= cut;
  }
  // Forget dropped chunks now and then, so the list does not grow without end.
  if (entry.from > 1024 && entry.from * 2 > chunks.length) {
    entry.chunks = chunks.slice(entry.from);
    entry.from = 0;
  }
}

/** A cut position that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

function sizeOf(output: Output): number {
  switch (output.output_type) {
    case "stream":
      return joinMultiline(output.text).length;
    case "error":
      return output.traceback.reduce((sum, line) => sum + line.length, 0) + output.evalue.length;
    default: {
      let size = 0;
      for (const value of Object.values(output.data)) {
        if (typeof value === "string") size += value.length;
        else if (Array.isArray(value) && value.every((line) => typeof line === "string"))
          size += value.reduce((sum, line) => sum + line.length, 0);
        else size += JSON.stringify(value)?.length ?? 0;
      }
      return size;
    }
  }
}

export function displayIdOf(output: Output): string | undefined {
  return output.output_type === "display_data" || output.output_type === "execute_result"
    ? output.transient?.display_id
    : undefined;
}

/** "1.5 GB", "100 MB", "512 kB": sizes as people read them (powers of 1024, short units). */
export function formatSize(units: number): string {
  const steps = ["bytes", "kB", "MB", "GB", "TB"];
  let value = units;
  let step = 0;
  while (value >= 1024 && step < steps.length - 1) {
    value /= 1024;
    step += 1;
  }
  const text = step === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${text} ${steps[step]}`;
}

/** The note that stands where output was dropped. */
function noteOutput(name: StreamName, dropped: number, limit: number, midLine: boolean): Output {
  const half = formatSize(Math.floor(limit / 2));
  return {
    output_type: "stream",
    name,
    text:
      `${midLine ? "\n" : ""}[oprel: ${formatSize(dropped)} of output dropped here. A cell keeps at most ` +
      `${formatSize(limit)} of output: the first ${half} and the last ${half}.]\n`,
  };
}
