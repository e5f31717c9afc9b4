import { describe, expect, it } from "vitest";
import { isSecretName, makeRedactor } from "../../../src/ai/redact.js";

describe("redaction", () => {
  it("knows secret-looking variable names", () => {
    for (const name of ["OPENAI_API_KEY", "GITHUB_TOKEN", "my_secret", "DB_PASSWORD", "TOKEN"])
      expect(isSecretName(name)).toBe(true);
    for (const name of ["HOME", "KEYBOARD", "PATH", "MONKEY"])
      expect(isSecretName(name)).toBe(false);
  });

  it("removes values of secret variables and key-shaped strings, and nothing else", () => {
    const redact = makeRedactor({
      STRIPE_KEY: "rk_live_abcdef123",
      HOME: "/home/me",
      PIN_TOKEN: "12",
    });
    const jwt =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
    const text = [
      "key = 'rk_live_abcdef123'",
      `openai sk-proj-${"A1b2".repeat(8)}`,
      `gh ghp_${"x".repeat(36)}`,
      "aws AKIAIOSFODNN7EXAMPLE",
      `jwt ${jwt}`,
      pem,
      "home /home/me, pin 12",
    ].join("\n");
    const out = redact(text);
    expect(out).toContain("[redacted STRIPE_KEY]");
    for (const secret of ["rk_live", "sk-proj", "ghp_", "AKIA", "eyJhbGci", "MIIEow"])
      expect(out).not.toContain(secret);
    expect(out).toContain("home /home/me, pin 12");
  });
});
