// What a kernel start request tells the gateway of the user's environment: every KERNEL_* variable,
// and KERNEL_USERNAME (the user's name unless set), as Jupyter's own gateway client sends them.
// Enterprise Gateway reads them: KERNEL_USERNAME for impersonation, KERNEL_NAMESPACE and
// KERNEL_IMAGE for Kubernetes, and so on. A Jupyter Server ignores them.

import { userInfo } from "node:os";

export function kernelStartEnv(env: Record<string, string | undefined>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (name.startsWith("KERNEL_") && value !== undefined) sent[name] = value;
  if (sent.KERNEL_USERNAME === undefined) {
    try {
      sent.KERNEL_USERNAME = userInfo().username;
    } catch {
      // No entry for this uid (a container): the gateway's default then.
    }
  }
  return sent;
}
