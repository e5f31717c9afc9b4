import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, resolveAiConfig } from "../../../src/ai/config.js";
import { isOprelError } from "../../../src/errors.js";

function configDir(yaml: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), "oprel-ai-config-"));
  if (yaml !== null) writeFileSync(join(dir, "config.yaml"), yaml);
  return join(dir, "config.yaml");
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail("expected an error");
}

describe("resolveAiConfig", () => {
  it("takes the model from --model, then OPREL_MODEL, then the file", () => {
    const file = configDir("model: from-file\nbase_url: http://localhost:11434/v1/\n");
    const env = { OPREL_MODEL: "from-env" };
    expect(resolveAiConfig({ file, env, modelFlag: "flag" }).model).toBe("flag");
    expect(resolveAiConfig({ file, env }).model).toBe("from-env");
    const fromFile = resolveAiConfig({ file, env: {} });
    expect(fromFile).toMatchObject({
      model: "from-file",
      baseURL: "http://localhost:11434/v1",
      apiKey: null,
      warnings: [],
    });
  });

  it("needs a model, and a key unless the endpoint is on this machine", () => {
    const file = configDir(null);
    expect(
      isOprelError(
        thrown(() => resolveAiConfig({ file, env: {} })),
        "AI_NO_MODEL",
      ),
    ).toBe(true);
    const noKey = thrown(() => resolveAiConfig({ file, env: { OPREL_MODEL: "m" } }));
    expect(isOprelError(noKey, "AI_NO_KEY")).toBe(true);
    const local = { OPREL_MODEL: "m", OPENAI_BASE_URL: "http://127.0.0.1:8080/v1" };
    expect(resolveAiConfig({ file, env: local }).apiKey).toBeNull();
  });

  it("warns about plain http off this machine, and never puts the key in a message", () => {
    const file = configDir(null);
    const key = "sk-secret-key-value-123456789";
    const config = resolveAiConfig({
      file,
      env: { OPREL_MODEL: "m", OPENAI_API_KEY: key, OPENAI_BASE_URL: "http://gpu.example:8000/v1" },
    });
    expect(config.warnings[0]).toContain("neither https");
    expect(config.warnings.join()).not.toContain(key);
  });

  it("names the file and the problem when the file is wrong", () => {
    const bad = configDir("model: [unclosed\n");
    const error = thrown(() => resolveAiConfig({ file: bad, env: {} }));
    expect(isOprelError(error, "AI_CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toContain(bad);
    const unknown = thrown(() => resolveAiConfig({ file: configDir("api_key: x\n"), env: {} }));
    expect((unknown as Error).message).toContain('unknown setting "api_key"');
  });

  it("finds the file under XDG_CONFIG_HOME, else ~/.config", () => {
    expect(configPath({ XDG_CONFIG_HOME: "/x" })).toBe("/x/oprel/config.yaml");
    expect(configPath({ HOME: "/home/u" })).toBe("/home/u/.config/oprel/config.yaml");
  });

  it("takes the context size from OPREL_CONTEXT_TOKENS, else the file, and checks it", () => {
    const file = configDir("model: m\nbase_url: http://localhost:1/v1\ncontext_tokens: 3000\n");
    expect(resolveAiConfig({ file, env: {} }).contextTokens).toBe(3000);
    expect(resolveAiConfig({ file, env: { OPREL_CONTEXT_TOKENS: "1200" } }).contextTokens).toBe(
      1200,
    );
    expect(
      resolveAiConfig({ file: configDir("model: m\n"), env: { OPENAI_API_KEY: "k" } })
        .contextTokens,
    ).toBeUndefined();
    const bad = thrown(() => resolveAiConfig({ file, env: { OPREL_CONTEXT_TOKENS: "lots" } }));
    expect(isOprelError(bad, "AI_CONFIG_INVALID")).toBe(true);
  });

  it("waits 90 s for a silent endpoint, 300 s for one on this machine, or what is set", () => {
    const file = configDir(null);
    const remote = { OPREL_MODEL: "m", OPENAI_API_KEY: "k" };
    expect(resolveAiConfig({ file, env: remote }).stallMs).toBe(90_000);
    const local = { OPREL_MODEL: "m", OPENAI_BASE_URL: "http://localhost:11434/v1" };
    expect(resolveAiConfig({ file, env: local }).stallMs).toBe(300_000);
    const set = { ...remote, OPREL_STALL_SECONDS: "20" };
    expect(resolveAiConfig({ file, env: set }).stallMs).toBe(20_000);
    expect(resolveAiConfig({ file: configDir("stall_seconds: 45\n"), env: remote }).stallMs).toBe(
      45_000,
    );
    const bad = thrown(() =>
      resolveAiConfig({ file, env: { ...remote, OPREL_STALL_SECONDS: "0" } }),
    );
    expect(isOprelError(bad, "AI_CONFIG_INVALID")).toBe(true);
  });
});
