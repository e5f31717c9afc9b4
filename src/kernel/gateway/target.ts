// Which Jupyter gateway runs the kernels, if any: --gateway URL or OPREL_GATEWAY_URL, with the token
// from OPREL_GATEWAY_TOKEN. The token only ever travels in an Authorization header: never in a URL
// (URLs end up in logs and proxies), never in a message.

import { OprelError } from "../../errors.js";

export interface GatewayTarget {
  /** The server's base URL, ending in "/". */
  url: string;
  /** "" when the server needs none. */
  token: string;
}

type Env = Record<string, string | undefined>;

const HINT =
  "Give the server's base URL, e.g. --gateway http://127.0.0.1:8888/, and its token in OPREL_GATEWAY_TOKEN.";

/** The gateway asked for, or undefined; throws KERNEL_START_FAILED for a URL that cannot be one. */
export function gatewayTarget(given: string | undefined, env: Env): GatewayTarget | undefined {
  const url = given ?? (env.OPREL_GATEWAY_URL || undefined);
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol))
    throw new OprelError(
      "KERNEL_START_FAILED",
      `The gateway URL '${url}' is not an http:// or https:// URL.`,
      HINT,
    );
  if (
    parsed.search !== "" ||
    parsed.hash !== "" ||
    parsed.username !== "" ||
    parsed.password !== ""
  )
    // Not echoed: a query or user part is where a token would hide.
    throw new OprelError(
      "KERNEL_START_FAILED",
      `The gateway URL for ${parsed.host} carries a query, fragment or user name; oprel takes a plain base URL.`,
      HINT,
    );
  const path = parsed.pathname.endsWith("/") ? parsed.pathname : `${parsed.pathname}/`;
  return { url: `${parsed.origin}${path}`, token: env.OPREL_GATEWAY_TOKEN ?? "" };
}

/** How messages name the gateway. */
export function gatewayName(target: GatewayTarget): string {
  return target.url.replace(/\/$/, "");
}
