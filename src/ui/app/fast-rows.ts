// Ink's Output turns every line of every frame into one object per character and back into a string,
// even when the line is the same as in the last frame: about three quarters of a keystroke's frame
// in a profile of j/k. The app's frames are almost always one Text per screen row, so this subclass
// renders such frames row by row from a cache of Ink's own rendering of each distinct line, and
// hands any other frame (dialogs with borders, overlapping writes) to Ink unchanged. The build
// swaps it in for Ink's Output class (scripts/bundle.ts); under tsx, Ink's own class runs.

type Transformer = (line: string, index: number) => string;

type Operation =
  | { type: "write"; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: "clip" }
  | { type: "unclip" };

interface InkOutput {
  width: number;
  height: number;
  operations: Operation[];
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  get(): { output: string; height: number };
}

export type OutputClass = new (options: { width: number; height: number }) => InkOutput;

/** Ink's rendering of a line (keyed by width too), across frames; cleared when it grows large. */
const rendered = new Map<string, string>();
const CACHE_LIMIT = 4096;

export function withFastRows(Base: OutputClass): OutputClass {
  return class FastRows extends Base {
    override get(): { output: string; height: number } {
      const rows = rowByRow(this, Base);
      return rows ? { output: rows.join("\n"), height: this.height } : super.get();
    }
  };
}

/** The frame's rows when every write is one whole row at column 0, each row written once. */
function rowByRow(output: InkOutput, Base: OutputClass): string[] | null {
  const rows: string[] = new Array(output.height).fill("");
  const written = new Uint8Array(output.height);
  for (const op of output.operations) {
    if (op.type !== "write" || op.x !== 0 || op.y < 0 || op.y >= output.height) return null;
    if (written[op.y] || op.text.includes("\n")) return null;
    written[op.y] = 1;
    let line = op.text;
    for (const transform of op.transformers) line = transform(line, 0);
    rows[op.y] = renderLine(line, output.width, Base);
  }
  return rows;
}

function renderLine(line: string, width: number, Base: OutputClass): string {
  const key = `${width}\n${line}`;
  let text = rendered.get(key);
  if (text === undefined) {
    const one = new Base({ width, height: 1 });
    one.write(0, 0, line, { transformers: [] });
    text = one.get().output;
    if (rendered.size >= CACHE_LIMIT) rendered.clear();
    rendered.set(key, text);
  }
  return text;
}
