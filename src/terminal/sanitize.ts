// The one sanitizer for untrusted text (outputs, sources, tracebacks, file names) on its way to a
// terminal. Escape sequences could move the cursor, retitle the window, write the clipboard or
// hide text, so only SGR colour survives, and only when asked. Carriage returns and backspaces
// are resolved the way a terminal would, so progress bars show their final state.

export interface SanitizeOptions {
  /** Keep SGR (colour) sequences. Off: the text has no escape sequences at all. */
  keepColour?: boolean;
}

const ESC = "\u001b";
// CSI: ESC [ or the 8-bit 0x9b, parameters, intermediates, one final byte.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CSI = /^(?:\u001b\[|\u009b)([0-?]*)([ -/]*)([@-~])/;
// OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \ or 0x9c), or by the end of the text.
const STRING_SEQ =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /^(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/;
// Other escapes: ESC, intermediates, a final byte (e.g. ESC ( B, ESC c, ESC 7).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const OTHER_ESC = /^\u001b[ -/]*[0-~]?/;
// C0 controls but \t \n \r \b, DEL, C1 controls, bidi embeddings, overrides and isolates.
const DROPPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0007\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface Cell {
  /** SGR sequences that apply from this character on. */
  sgr: string;
  ch: string;
}

export function sanitize(text: string, options: SanitizeOptions = {}): string {
  const lines: string[] = [];
  let line: Cell[] = [];
  let column = 0;
  let pendingSgr = "";
  const endLine = () => {
    lines.push(line.map((c) => c.sgr + c.ch).join("") + pendingSgr);
    line = [];
    column = 0;
    pendingSgr = "";
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i, i + 4096);
    const first = text[i] as string;
    if (first === ESC || (first >= "\u0080" && first <= "\u009f")) {
      const csi = CSI.exec(rest);
      if (csi) {
        if (options.keepColour && csi[3] === "m" && csi[2] === "" && !/[<=>?]/.test(csi[1] ?? "")) {
          pendingSgr += `${ESC}[${csi[1]}m`;
        }
        i += csi[0].length;
        continue;
      }
      const str = STRING_SEQ.exec(rest);
      if (str) {
        i += str[0].length;
        continue;
      }
      if (first === ESC) {
        i += (OTHER_ESC.exec(rest)?.[0].length ?? 1) || 1;
        continue;
      }
    }
    const code = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    i += ch.length;
    if (ch === "\n") endLine();
    else if (ch === "\r") {
      // "\r\n" is a plain line end; a lone "\r" returns to the start of the line.
      if (text[i] !== "\n") column = 0;
    } else if (ch === "\b") column = Math.max(0, column - 1);
    else if (!DROPPED.test(ch)) {
      line[column] = { sgr: pendingSgr, ch };
      pendingSgr = "";
      column += 1;
    }
  }
  lines.push(line.map((c) => c.sgr + c.ch).join("") + pendingSgr);
  return lines.join("\n");
}

/** Text for a destination that must hold no control codes at all (pipes, files, logs). */
export function plainText(text: string): string {
  return sanitize(text, { keepColour: false });
}
