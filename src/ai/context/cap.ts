// Long text for the model keeps its head and its tail (where errors and final results are), with a
// note in the middle saying how much was left out and that read_cell gives more.

export function capText(text: string, maxChars: number, more = "read_cell gives more"): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars * 0.4);
  const tail = maxChars - head;
  const left = text.length - head - tail;
  return `${text.slice(0, head)}\n[... ${left} characters left out; ${more} ...]\n${text.slice(-tail)}`;
}
