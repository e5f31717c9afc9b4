// The one sanitizer for untrusted text (outputs, sources, tracebacks, file names) on its way to a
// terminal. Escape sequences could move the cursor, retitle the window, write the clipboard or
// hide text, so only SGR colour survives, and only when asked. Carriage returns and backspaces
// are resolved the way a terminal would, so progress bars show their final state.
// `SanitizeStream` is the same sanitizer fed in pieces (live output): a piece may end inside an
// escape sequence or a line, and the result is the same as sanitizing the whole text at once.

export interface SanitizeOptions {
  /** Keep SGR (colour) sequences. Off: the text has no escape sequences at all. */
  keepColour?: boolean;
}

const ESC = "\u001b";
// How far ahead an escape sequence is looked for: an unterminated OSC or DCS swallows at most this.
const WINDOW = 4096;
// CSI: ESC [ or the 8-bit 0x9b, parameters, intermediates, one final byte.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CSI = /^(?:\u001b\[|\u009b)([0-?]*)([ -/]*)([@-~])/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CSI_AT = /(?:\u001b\[|\u009b)([0-?]*)([ -/]*)([@-~])/y;
// OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \ or 0x9c), or by the end of the text.
const STRING_SEQ =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /^(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const STRING_END = /(?:\u0007|\u001b\\|\u009c)$/;
// Other escapes: ESC, intermediates, a final byte (e.g. ESC ( B, ESC c, ESC 7).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const OTHER_ESC = /^\u001b[ -/]*[0-~]?/;
// The start of a CSI or other escape that more text could still complete.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNFINISHED_ESC = /^(?:(?:\u001b\[|\u009b)[0-?]*[ -/]*|\u001b[ -/]*)$/;
// C0 controls but \t \n \r \b, DEL, C1 controls, bidi embeddings, overrides and isolates.
const DROPPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0007\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// A run of characters that are simply drawn (the common case, taken in one step).
const PLAIN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[^\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/y;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
const COLUMN = /(?:\u001b\[[0-9;:]*m)*[\s\S]/gu;
const SURROGATE = /[\ud800-\udfff]/;

export class SanitizeStream {
  private readonly keepColour: boolean;
  /** The unfinished line as text, while characters are only added at its end (the usual case). */
  private line = "";
  /** Its columns (characters) so far. */
  private width = 0;
  /**
   * The unfinished line one entry per column (the SGR sequences that apply from it, and it),
   * made from `line` only once "\r" or "\b" has us overwrite characters, as progress bars do.
   */
  private cells: string[] | undefined;
  private column = 0;
  private pendingSgr = "";
  /** The end of the previous piece that more text could still change (a cut escape sequence). */
  private held = "";

  constructor(options: SanitizeOptions = {}) {
    this.keepColour = options.keepColour === true;
  }

  /** Takes the next piece of text; returns the lines it completed. */
  write(text: string): string[] {
    const lines: string[] = [];
    this.feed(this.held + text, false, lines);
    return lines;
  }

  /** The input is complete: what was held back is read as it stands. Returns completed lines. */
  end(): string[] {
    const lines: string[] = [];
    this.feed(this.held, true, lines);
    return lines;
  }

  /** The unfinished last line as it stands now. */
  currentLine(): string {
    return (this.cells === undefined ? this.line : this.cells.join("")) + this.pendingSgr;
  }

  /** Whether the unfinished line has any visible character. */
  hasCurrentLine(): boolean {
    return this.width > 0;
  }

  private feed(text: string, final: boolean, lines: string[]): void {
    this.held = "";
    // While the unfinished line is exactly text[verbatim, i) (plain runs and SGR kept as they
    // came, the usual case), nothing is built: a finished line is one slice of the input.
    let verbatim = this.line === "" && this.cells === undefined && this.pendingSgr === "" ? 0 : -1;
    let drawnEnd = 0; // while verbatim: where its last drawn character ends
    // The line stops being verbatim at `at`: build it as it stands.
    const settle = (at: number) => {
      if (verbatim < 0) return;
      this.line = text.slice(verbatim, Math.max(verbatim, drawnEnd));
      this.pendingSgr = text.slice(Math.max(verbatim, drawnEnd), at);
      this.column = this.width;
      verbatim = -1;
    };
    let i = 0;
    while (i < text.length) {
      PLAIN.lastIndex = i;
      if (PLAIN.test(text)) {
        const start = i;
        i = PLAIN.lastIndex;
        const last = text.charCodeAt(i - 1);
        if (!final && i === text.length && last >= 0xd800 && last <= 0xdbff) {
          // Half a surrogate pair: its other half comes with the next piece.
          settle(start);
          if (i - 1 > start) this.draw(text.slice(start, i - 1));
          this.held = text.slice(i - 1);
          return;
        }
        const run = text.slice(start, i);
        if (verbatim >= 0) {
          this.width += SURROGATE.test(run) ? [...run].length : run.length;
          drawnEnd = i;
        } else this.draw(run);
        continue;
      }
      const first = text[i] as string;
      if (first === ESC || (first >= "\u0080" && first <= "\u009f")) {
        CSI_AT.lastIndex = i;
        let csi = CSI_AT.exec(text);
        if (csi === null || csi[0].length > WINDOW) {
          const rest = text.slice(i, i + WINDOW);
          if (!final && rest.length < WINDOW && unfinished(rest)) {
            settle(i);
            this.held = rest;
            return;
          }
          csi = CSI.exec(rest);
          if (csi === null) {
            settle(i);
            const str = STRING_SEQ.exec(rest);
            if (str) i += str[0].length;
            else if (first === ESC) i += (OTHER_ESC.exec(rest)?.[0].length ?? 1) || 1;
            else i += 1; // a C1 control that starts nothing: dropped
            continue;
          }
        }
        const kept = this.keptSgr(csi);
        if (verbatim < 0 || kept !== csi[0]) {
          settle(i);
          this.pendingSgr += kept;
        }
        i += csi[0].length;
        continue;
      }
      if (first === "\n") {
        if (verbatim >= 0) {
          lines.push(text.slice(verbatim, i));
          this.width = 0;
        } else lines.push(this.endLine());
        i += 1;
        verbatim = i;
        drawnEnd = i;
        continue;
      }
      settle(i);
      i += 1;
      // A "\r" before "\n" changes nothing, so every "\r" simply returns to the line start.
      if (first === "\r") this.column = 0;
      else if (first === "\b") this.column = Math.max(0, this.column - 1);
      else if (!DROPPED.test(first)) this.draw(first);
    }
    settle(text.length);
  }

  /** What a CSI sequence leaves: itself (without "conceal") when it is SGR and colour is kept. */
  private keptSgr(csi: RegExpExecArray): string {
    if (this.keepColour && csi[3] === "m" && csi[2] === "" && !/[<=>?]/.test(csi[1] ?? "")) {
      return visibleSgr(csi[1] ?? "");
    }
    return "";
  }

  private draw(run: string): void {
    if (this.cells === undefined && this.column === this.width) {
      this.line += this.pendingSgr + run;
      this.pendingSgr = "";
      this.width += SURROGATE.test(run) ? [...run].length : run.length;
      this.column = this.width;
      return;
    }
    this.cells ??= Array.from(this.line.matchAll(COLUMN), (match) => match[0]);
    for (const ch of run) {
      this.cells[this.column] = this.pendingSgr + ch;
      this.pendingSgr = "";
      this.column += 1;
    }
    this.width = this.cells.length;
  }

  private endLine(): string {
    const line = this.currentLine();
    this.line = "";
    this.width = 0;
    this.cells = undefined;
    this.column = 0;
    this.pendingSgr = "";
    return line;
  }
}

/** Whether an escape sequence at the end of a piece could still change with more text. */
function unfinished(rest: string): boolean {
  if (CSI.test(rest)) return false;
  const str = STRING_SEQ.exec(rest);
  if (str) return !STRING_END.test(str[0]);
  return UNFINISHED_ESC.test(rest);
}

// Anything a terminal acts on: controls but \t and \n, DEL, C1, bidi controls. Text without any
// (most of it) is returned as it is, so sanitizing twice, or sanitizing long logs, costs little.
const NEEDS_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function sanitize(text: string, options: SanitizeOptions = {}): string {
  if (!NEEDS_WORK.test(text)) return text;
  const stream = new SanitizeStream(options);
  const lines = stream.write(text);
  lines.push(...stream.end(), stream.currentLine());
  return lines.join("\n");
}

/**
 * An SGR sequence without "conceal" (8), which would hide text from the reader. Colour arguments
 * (38;5;8, 48;2;8;8;8, 38:5:8) are skipped over, not mistaken for it; a sequence left empty is
 * dropped, since an empty one means "reset".
 */
function visibleSgr(params: string): string {
  if (!params.includes("8")) return `${ESC}[${params}m`;
  // "38:5:8" carries its arguments after colons, inside one parameter: only ";" separates them.
  const parts = params.split(";");
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === "38" || part === "48" || part === "58") {
      const mode = parts[i + 1];
      const take = mode === "5" ? 3 : mode === "2" ? 5 : 1;
      kept.push(...parts.slice(i, i + take));
      i += take - 1;
    } else if (!isConceal(part)) kept.push(part);
  }
  return kept.length === 0 ? "" : `${ESC}[${kept.join(";")}m`;
}

function isConceal(param: string): boolean {
  return param !== "" && Number(param) === 8;
}

/** Text for a destination that must hold no control codes at all (pipes, files, logs). */
export function plainText(text: string): string {
  return sanitize(text, { keepColour: false });
}
