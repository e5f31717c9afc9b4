// Sizes on the command line: "4G", "512M", "1.5G" or a plain number of bytes.

const UNITS: Record<string, number> = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Bytes, or NaN when the text is no size. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  return match ? Number(match[1]) * (UNITS[(match[2] ?? "").toUpperCase()] ?? 1) : Number.NaN;
}

/** --registry-limit: the largest value the shared registry takes, at least 1K. */
export function registryLimit(text: string): number | undefined {
  const value = parseSize(text);
  return Number.isFinite(value) && value >= 1024 && value <= Number.MAX_SAFE_INTEGER
    ? Math.floor(value)
    : undefined;
}
