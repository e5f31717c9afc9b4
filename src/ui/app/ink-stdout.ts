// Ink 6.8's incremental renderer moves the cursor up one row too few before redrawing a frame of
// unchanged height when the frame ends with a newline (as every non-fullscreen frame does): after
// a frame the cursor sits on the row below it, yet it goes up `lines - 1` rows, so each redraw
// lands one row lower. Ink 7 reworked this, but needs Node 22. This stream wrapper corrects the
// one sequence: a frame redraw that begins with "cursor up n" goes up n + 1. Everything else
// (size, resize events, TTY checks) is the real stdout's.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape sequence is the point
const FRAME_START = /^((?:\u001b\[\?2026h)?)\u001b\[(\d+)A/;

export function inkStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const wrapper = Object.create(stdout) as NodeJS.WriteStream;
  wrapper.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const fixed = text.replace(
      FRAME_START,
      (_, sync: string, up: string) => `${sync}\u001b[${Number(up) + 1}A`,
    );
    return (stdout.write as (...args: unknown[]) => boolean)(fixed, ...rest);
  }) as NodeJS.WriteStream["write"];
  return wrapper;
}
