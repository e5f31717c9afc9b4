// Secrets never leave the machine: every text sent to the model passes through a redactor that
// removes the values of secret-looking environment variables and strings shaped like keys, tokens,
// JWTs and PEM blocks. Runs at the provider boundary, so no caller can forget it.

export type Redactor = (text: string) => string;

/** *_KEY, *TOKEN*, *SECRET*, *PASSWORD* (any case). */
export function isSecretName(name: string): boolean {
  return /_KEY$|TOKEN|SECRET|PASSWORD|PASSWD/i.test(name) || /^KEY$/i.test(name);
}

const SHAPES: Array<[label: string, pattern: RegExp]> = [
  ["pem", /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g],
  ["jwt", /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g],
  ["openai-key", /\bsk-[A-Za-z0-9_-]{16,}/g],
  ["github-token", /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g],
  ["aws-key", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
];

/** Values shorter than this are too common to redact without mangling ordinary text. */
const MIN_VALUE = 6;

export function makeRedactor(env: NodeJS.ProcessEnv = process.env): Redactor {
  const values = Object.entries(env)
    .filter((entry): entry is [string, string] => isSecretName(entry[0]) && !!entry[1])
    .map(([name, value]) => [name, value.trim()] as const)
    .filter(([, value]) => value.length >= MIN_VALUE)
    // Longest first, so a value containing another is replaced whole.
    .sort((a, b) => b[1].length - a[1].length);
  return (text) => {
    let out = text;
    for (const [name, value] of values) {
      if (out.includes(value)) out = out.split(value).join(`[redacted ${name}]`);
    }
    for (const [label, pattern] of SHAPES) out = out.replace(pattern, `[redacted ${label}]`);
    return out;
  };
}
