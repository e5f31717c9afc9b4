// Which gateway, which of its kernels: --gateway or OPREL_GATEWAY_URL, the token only from
// OPREL_GATEWAY_TOKEN, and a Python notebook in the server's Python kernel.

import { describe, expect, it } from "vitest";
import { chooseKernel } from "../../../src/kernel/choose.js";
import { gatewayKernelName } from "../../../src/kernel/gateway/kernel-name.js";
import { gatewayTarget } from "../../../src/kernel/gateway/target.js";

const target = { url: "http://gw:8888/", token: "" };

function specs(defaultName: string, ...models: [name: string, language: string][]) {
  return {
    default: defaultName,
    kernelspecs: Object.fromEntries(
      models.map(([name, language]) => [
        name,
        { name, language, display_name: name, argv: [], env: {}, metadata: {}, resources: {} },
      ]),
    ),
  } as unknown as Parameters<typeof gatewayKernelName>[0];
}

describe("gatewayTarget", () => {
  it("takes --gateway over OPREL_GATEWAY_URL, the token from OPREL_GATEWAY_TOKEN, and ends the URL in /", () => {
    const env = { OPREL_GATEWAY_URL: "http://env:1/", OPREL_GATEWAY_TOKEN: "t" };
    expect(gatewayTarget("https://flag.example/base", env)).toEqual({
      url: "https://flag.example/base/",
      token: "t",
    });
    expect(gatewayTarget(undefined, env)).toEqual({ url: "http://env:1/", token: "t" });
    expect(gatewayTarget(undefined, { OPREL_GATEWAY_URL: "" })).toBeUndefined();
    expect(gatewayTarget(undefined, {})).toBeUndefined();
  });

  it("refuses what cannot be a base URL, without echoing a query where a token would hide", () => {
    expect(() => gatewayTarget("localhost:8888", {})).toThrow(/not an http:\/\/ or https:\/\/ URL/);
    expect(() => gatewayTarget("ws://h/", {})).toThrow(/not an http/);
    const withToken = () => gatewayTarget("http://h:1/?token=s3cret", {});
    expect(withToken).toThrow(/carries a query/);
    expect(withToken).not.toThrow(/s3cret/);
    expect(() => gatewayTarget("http://user:pw@h/", {})).toThrow(/user name/);
  });
});

describe("chooseKernel with a gateway", () => {
  it("sends every notebook to the gateway; Python ones may use the server's Python kernel", () => {
    const env = { OPREL_GATEWAY_URL: "http://gw:8888" };
    expect(chooseKernel(undefined, undefined, env)).toMatchObject({
      kind: "gateway",
      wanted: { name: undefined, python: true, override: false },
      language: "python",
    });
    expect(chooseKernel({ name: "ir", language: "R" }, undefined, env)).toMatchObject({
      kind: "gateway",
      wanted: { name: "ir", python: false },
      language: "R",
    });
    expect(chooseKernel(undefined, "python3-jupyter", {}, "http://gw/")).toMatchObject({
      kind: "gateway",
      wanted: { name: "python3", override: true },
    });
    expect(chooseKernel({ name: "python3" }, undefined, {})).toEqual({ kind: "worker" });
  });
});

describe("gatewayKernelName", () => {
  const server = specs("python3", ["python3", "python"], ["ir", "R"]);

  it("takes the name asked for, else for Python the server's python3 or its Python default", () => {
    expect(gatewayKernelName(server, { name: "ir", python: false, override: false }, target)).toBe(
      "ir",
    );
    expect(
      gatewayKernelName(server, { name: undefined, python: true, override: false }, target),
    ).toBe("python3");
    const condaOnly = specs("py311", ["py311", "Python"], ["ir", "R"]);
    expect(
      gatewayKernelName(condaOnly, { name: "python3", python: true, override: false }, target),
    ).toBe("py311");
  });

  it("lists the server's kernels when it has none that fits", () => {
    expect(() =>
      gatewayKernelName(server, { name: "julia", python: false, override: false }, target),
    ).toThrow(
      "The Jupyter gateway at http://gw:8888 has no kernel named 'julia' (it has: ir, python3).",
    );
    // --kernel means that kernel: no Python stand-in.
    expect(() =>
      gatewayKernelName(server, { name: "py2", python: true, override: true }, target),
    ).toThrow(/no kernel named 'py2'/);
    expect(() =>
      gatewayKernelName(
        specs("ir", ["ir", "R"]),
        { name: undefined, python: true, override: false },
        target,
      ),
    ).toThrow("has no Python kernel (it has: ir)");
  });
});
