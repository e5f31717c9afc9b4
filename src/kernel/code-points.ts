// The worker counts positions in code points (as Python and Jupyter do); JavaScript strings count
// UTF-16 units. The two differ only after an astral character such as an emoji.

/** A UTF-16 index into `text` as a code-point index. */
export function toCodePoints(text: string, utf16Index: number): number {
  let points = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The high half of a surrogate pair starts a code point; its low half does not.
    if (unit < 0xdc00 || unit > 0xdfff) points++;
  }
  return points;
}

/** A code-point index into `text` as a UTF-16 index. */
export function toUtf16(text: string, codePointIndex: number): number {
  let index = 0;
  for (let seen = 0; seen < codePointIndex && index < text.length; seen++) {
    const unit = text.charCodeAt(index);
    index += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
  }
  return index;
}
