// One sentence and a hint for a gateway that cannot start a kernel: unreachable, refusing the
// token, not a Jupyter server at all, or failing the start itself. Never the token.

import { OprelError } from "../../errors.js";
import type { Services } from "./client.js";
import { networkReason, oneLine } from "./network-reason.js";
import { type GatewayTarget, gatewayName } from "./target.js";

const URL_HINT =
  "Check that the server is running and that --gateway (or OPREL_GATEWAY_URL) is its base URL.";

/** `doing` says what was asked, e.g. "list its kernels". */
export function gatewayFailure(
  services: Services,
  target: GatewayTarget,
  doing: string,
  error: unknown,
): OprelError {
  const at = `the Jupyter gateway at ${gatewayName(target)}`;
  if (error instanceof services.ServerConnection.ResponseError) {
    const status = error.response.status;
    if (status === 401 || status === 403)
      return new OprelError(
        "KERNEL_START_FAILED",
        `${capital(at)} refused oprel's token (HTTP ${status}).`,
        target.token
          ? "Set OPREL_GATEWAY_TOKEN to the server's token."
          : "The server needs a token: set OPREL_GATEWAY_TOKEN.",
      );
    if (status === 404)
      return new OprelError(
        "KERNEL_START_FAILED",
        `${capital(at)} answered HTTP 404 when asked to ${doing}; it does not look like a Jupyter server.`,
        URL_HINT,
      );
    return new OprelError(
      "KERNEL_START_FAILED",
      `${capital(at)} could not ${doing} (HTTP ${status}): ${oneLine(error.message)}`,
      "The server's own log says more.",
    );
  }
  return new OprelError(
    "KERNEL_START_FAILED",
    `Could not reach ${at}: ${networkReason(error)}.`,
    URL_HINT,
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
