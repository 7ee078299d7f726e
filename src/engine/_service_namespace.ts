/** Which namespace a question about a service means when the caller names none. */
import { defaultNamespaceOf, type EngineContext } from "./_engine_context.ts";

/** The namespace a service query is about, and where it came from. */
export interface ServiceNamespace {
  /** The namespace. */
  namespace: string;
  /** `given` by the caller, from `memory` (where it was last deployed), or the engine's `default`. */
  source: "given" | "memory" | "default";
  /** Every namespace memory saw the service deployed to, when more than one. */
  several?: string[];
}

/**
 * The namespace of a service: the one given; else the namespace its objects were last deployed
 * to (memory knows); else the engine's default (the kubeconfig context's) for a service memory
 * does not know.
 */
export async function serviceNamespace(
  ctx: EngineContext,
  service: string,
  given: string | undefined,
): Promise<ServiceNamespace> {
  if (given !== undefined) return { namespace: given, source: "given" };
  const summary = (await ctx.memory.services()).find((s) => s.service === service);
  const last = summary?.lastDeploy?.namespace ?? summary?.namespaces.at(-1);
  if (!summary || last === undefined) {
    return { namespace: defaultNamespaceOf(ctx), source: "default" };
  }
  const several = summary.namespaces.length > 1 ? { several: [...summary.namespaces] } : {};
  return { namespace: last, source: "memory", ...several };
}
