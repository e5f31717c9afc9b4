// Deleting a remote kernel when oprel must stop at once: from a signal handler or process.on("exit"),
// where no promise will ever settle. A short-lived Node process makes the request and oprel waits
// for it (a few seconds at most); the token reaches it through its environment, not its arguments.

import { spawnSync } from "node:child_process";
import type { GatewayTarget } from "./target.js";

const SCRIPT = `const { OPREL_DELETE_URL: url, OPREL_DELETE_TOKEN: token } = process.env;
await fetch(url, { method: "DELETE", headers: token ? { Authorization: "token " + token } : {} });`;

export function deleteKernelNow(target: GatewayTarget, kernelId: string, timeoutMs = 3000): void {
  spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT], {
    // process.env for what reaching the server may need (NODE_EXTRA_CA_CERTS and the like).
    env: {
      ...process.env,
      OPREL_DELETE_URL: `${target.url}api/kernels/${encodeURIComponent(kernelId)}`,
      OPREL_DELETE_TOKEN: target.token,
    },
    stdio: "ignore",
    timeout: timeoutMs,
  });
}
