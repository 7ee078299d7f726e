/** The cluster objects KULTA manages for a Rollout (§1.7): its ReplicaSets and its HTTPRoute. */
import type { JsonObject } from "../types.ts";
import { templateHash } from "./_hash.ts";
import { isObject, jsonEqual, mergePatch, metaOf, num, obj, str, stringMap } from "./_json.ts";
import { canaryWeights, splitReplicas, type Strategy } from "./_rollout_rules.ts";
import type { Runtime } from "./_runtime.ts";

/** The field manager of everything KULTA writes. */
export const KULTA = "kulta-controller";

function buildReplicaSet(rollout: JsonObject, type: string, replicas: number, name: string) {
  const m = metaOf(rollout);
  const spec = obj(rollout["spec"]);
  const template = structuredClone(obj(spec["template"]));
  const tm = obj(template["metadata"]);
  const labels = {
    ...stringMap(tm["labels"]),
    "pod-template-hash": templateHash(spec["template"]),
    "rollouts.kulta.io/type": type,
    "rollouts.kulta.io/managed": "true",
  };
  template["metadata"] = { ...tm, labels };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: m.namespace, labels },
    spec: { replicas, selector: { matchLabels: labels }, template },
  };
}

/** Creates the ReplicaSet when missing, else only scales it (KULTA never updates its template). */
function ensureReplicaSet(rt: Runtime, rollout: JsonObject, type: string, replicas: number): void {
  const m = metaOf(rollout);
  const name = type === "simple" ? m.name : `${m.name}-${type}`;
  const existing = rt.api.get("apps", "ReplicaSet", m.namespace, name);
  if (!existing) {
    rt.put(buildReplicaSet(rollout, type, replicas, name), KULTA);
  } else if ((num(obj(existing["spec"])["replicas"]) ?? 0) !== replicas) {
    rt.put(mergePatch(existing, { spec: { replicas } }) as JsonObject, KULTA);
  }
}

/** Step 2: the ReplicaSets of the strategy, with the replica split of the current weight. */
export function reconcileReplicaSets(
  rt: Runtime,
  rollout: JsonObject,
  strategy: Strategy,
  status: JsonObject | undefined,
): void {
  const spec = obj(rollout["spec"]);
  const replicas = num(spec["replicas"]) ?? 1;
  const pairs: Record<Strategy, [string, number][]> = {
    simple: [["simple", replicas]],
    blueGreen: [["active", replicas], ["preview", replicas]],
    abTesting: [["variant-a", replicas], ["variant-b", replicas]],
    canary: [],
  };
  if (strategy === "canary") {
    const weight = num(status?.["currentWeight"]) ?? 0;
    const [stable, canary] = splitReplicas(
      replicas,
      weight,
      str(spec["maxSurge"]),
      str(spec["maxUnavailable"]),
    );
    pairs.canary = [["stable", stable], ["canary", canary]];
  }
  for (const [type, count] of pairs[strategy]) ensureReplicaSet(rt, rollout, type, count);
}

function backend(name: unknown, port: number, weight: number): JsonObject {
  return { name, port, weight, kind: "Service", group: "" };
}

function abRules(ab: JsonObject): JsonObject[] {
  const port = num(ab["port"]) ?? 80;
  const toB = [backend(ab["variantBService"], port, 100)];
  const match = obj(ab["variantBMatch"]);
  const rules: JsonObject[] = [];
  const header = obj(match["header"]);
  if (isObject(match["header"])) {
    const type = header["type"] === "RegularExpression" ? "RegularExpression" : "Exact";
    const headers = [{ name: header["name"], value: header["value"], type }];
    rules.push({ name: "variant-b", matches: [{ headers }], backendRefs: toB });
  }
  const cookie = obj(match["cookie"]);
  if (isObject(match["cookie"])) {
    const headers = [{
      name: "Cookie",
      value: `${str(cookie["name"]) ?? ""}=${str(cookie["value"]) ?? ""}`,
      type: "RegularExpression",
    }];
    rules.push({ name: "variant-b-cookie", matches: [{ headers }], backendRefs: toB });
  }
  rules.push({ name: "variant-a", backendRefs: [backend(ab["variantAService"], port, 100)] });
  return rules;
}

function desiredRules(rollout: JsonObject, strategy: Strategy, status: JsonObject | undefined) {
  const spec = obj(rollout["spec"]);
  const config = obj(obj(spec["strategy"])[strategy]);
  const port = num(config["port"]) ?? 80;
  if (strategy === "abTesting") return abRules(config);
  if (strategy === "blueGreen") {
    const done = status?.["phase"] === "Completed";
    return [{
      backendRefs: [
        backend(config["activeService"], port, done ? 0 : 100),
        backend(config["previewService"], port, done ? 100 : 0),
      ],
    }];
  }
  const [stable, canary] = canaryWeights(spec, status);
  return [{
    backendRefs: [
      backend(config["stableService"], port, stable),
      backend(config["canaryService"], port, canary),
    ],
  }];
}

/** Step 3: merge-patches the HTTPRoute named in trafficRouting; skipped when it does not exist. */
export function reconcileTraffic(
  rt: Runtime,
  rollout: JsonObject,
  strategy: Strategy,
  status: JsonObject | undefined,
): void {
  if (strategy === "simple") return;
  const config = obj(obj(obj(rollout["spec"])["strategy"])[strategy]);
  const name = str(obj(obj(config["trafficRouting"])["gatewayAPI"])["httpRoute"]);
  if (!name) return;
  const group = "gateway.networking.k8s.io";
  const route = rt.api.get(group, "HTTPRoute", metaOf(rollout).namespace, name);
  if (!route) return;
  const patched = mergePatch(route, { spec: { rules: desiredRules(rollout, strategy, status) } });
  if (!jsonEqual(patched, route)) rt.put(patched as JsonObject, KULTA);
}

/** The HTTPRoute a Rollout routes through, if any. */
export function routeOf(rollout: JsonObject): string | undefined {
  const strategy = obj(obj(rollout["spec"])["strategy"]);
  for (const key of ["canary", "blueGreen", "abTesting"]) {
    const name = str(obj(obj(obj(strategy[key])["trafficRouting"])["gatewayAPI"])["httpRoute"]);
    if (name) return name;
  }
  return undefined;
}
