// JavaScript has one number type; Python (and so Jupyter) has two. A file that says `1.0` must be
// written back as `1.0`, and an integer beyond 2^53 must keep its digits, but JSON.parse-style
// values cannot carry that. The parser records such numbers here, keyed by the object or array that
// holds them, and the writer looks them up. A mark only applies while the stored value is unchanged,
// so a later assignment of a different number is written normally. Structural sharing keeps marks
// (unchanged objects are reused by reference); a copy made with spread syntax loses the marks of
// that object's own number members unless it is made with copyObject (disk-form.ts) or
// copyNumberMarks. JSON from elsewhere (kernel messages) keeps its floats when read with parseJson.

interface NumberMark {
  value: number;
  /** Exactly what Python's json.dumps writes for this number. */
  text: string;
}

const marks = new WeakMap<object, Map<string, NumberMark>>();

export function markNumber(container: object, key: string, value: number, text: string): void {
  let entries = marks.get(container);
  if (!entries) {
    entries = new Map();
    marks.set(container, entries);
  }
  entries.set(key, { value, text });
}

/** The recorded text of container[key] if it still holds the number it was read with. */
export function markedNumberText(
  container: object,
  key: string,
  value: number,
): string | undefined {
  const mark = marks.get(container)?.get(key);
  return mark && Object.is(mark.value, value) ? mark.text : undefined;
}

/** Carries the marks of `from`'s own members over to a copy of it. */
export function copyNumberMarks(from: object, to: object): void {
  const entries = marks.get(from);
  if (entries) marks.set(to, new Map(entries));
}
