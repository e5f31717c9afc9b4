// The kernels a gateway offers, for the terminal UI's "change kernel" picker.

import { loadServices, serverSettings } from "./client.js";
import { gatewayFailure } from "./start-failure.js";
import type { GatewayTarget } from "./target.js";

export interface GatewaySpec {
  name: string;
  displayName: string;
  language: string;
}

const LIST_TIMEOUT_MS = 10_000;

/** Sorted by name; throws KERNEL_START_FAILED, in one sentence, when the gateway cannot answer. */
export async function listGatewayKernels(target: GatewayTarget): Promise<GatewaySpec[]> {
  const services = await loadServices();
  let models: Record<string, { name: string; display_name: string; language: string } | undefined>;
  try {
    const specs = await services.KernelSpecAPI.getSpecs(
      serverSettings(services, target, LIST_TIMEOUT_MS),
    );
    models = specs.kernelspecs;
  } catch (error) {
    throw gatewayFailure(services, target, "list its kernels", error);
  }
  return Object.values(models)
    .filter((spec) => spec !== undefined)
    .map((spec) => ({ name: spec.name, displayName: spec.display_name, language: spec.language }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
