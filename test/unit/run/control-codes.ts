// Finds bytes a terminal would act on: C0 controls other than newline and tab, DEL and C1.

export function controlCodes(text: string): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 && ch !== "\n" && ch !== "\t") || (code >= 0x7f && code <= 0x9f)) {
      found.push(`U+${code.toString(16).padStart(4, "0")}`);
    }
  }
  return found;
}
