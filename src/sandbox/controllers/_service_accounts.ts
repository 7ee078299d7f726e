/** The service account controller: every active namespace has a `default` ServiceAccount. */
import { metaOf, obj } from "./_json.ts";
import type { Ref, Runtime } from "./_runtime.ts";

/** Creates the namespace's `default` ServiceAccount when it is missing (not while terminating). */
export function reconcileNamespace(rt: Runtime, ref: Ref): void {
  const namespace = rt.get(ref);
  if (!namespace || metaOf(namespace).deleting) return;
  if (obj(namespace["status"])["phase"] === "Terminating") return;
  const account: Ref = { group: "", kind: "ServiceAccount", namespace: ref.name, name: "default" };
  if (rt.get(account)) return;
  rt.put({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "default", namespace: ref.name },
  });
}
