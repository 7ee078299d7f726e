/** Service defaulting: type, ports, cluster IPs and node ports (kept from the live object). */
import type { JsonObject } from "../types.ts";
import type { ServiceAllocators } from "./_allocators.ts";
import { child, getPath, isObject } from "./_json.ts";

function set(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined) obj[key] = value;
}

function liveNodePort(live: JsonObject | undefined, port: JsonObject): unknown {
  const ports = getPath(live, ["spec", "ports"]);
  if (!Array.isArray(ports)) return undefined;
  const match = ports.find((p) =>
    isObject(p) && p["port"] === port["port"] && (p["protocol"] ?? "TCP") === port["protocol"]
  );
  return isObject(match) ? match["nodePort"] : undefined;
}

/** Defaults a Service (mutates `obj`). */
export function defaultService(
  obj: JsonObject,
  live: JsonObject | undefined,
  alloc: ServiceAllocators,
  dryRun: boolean,
): void {
  const spec = child(obj, "spec");
  set(spec, "type", "ClusterIP");
  set(spec, "sessionAffinity", "None");
  const type = spec["type"];
  const nodePorts = type === "NodePort" || type === "LoadBalancer";
  const ports = Array.isArray(spec["ports"]) ? spec["ports"].filter(isObject) : [];
  for (const p of ports) {
    set(p, "protocol", "TCP");
    set(p, "targetPort", p["port"]);
    if (nodePorts) set(p, "nodePort", liveNodePort(live, p) ?? alloc.nodePort(dryRun));
  }
  if (type !== "ExternalName") {
    const liveIp = getPath(live, ["spec", "clusterIP"]);
    if (spec["clusterIP"] === undefined || spec["clusterIP"] === "") {
      spec["clusterIP"] = typeof liveIp === "string" && liveIp !== ""
        ? liveIp
        : alloc.clusterIp(dryRun);
    }
    set(spec, "clusterIPs", [spec["clusterIP"]]);
    set(spec, "ipFamilies", ["IPv4"]);
    set(spec, "ipFamilyPolicy", "SingleStack");
    set(spec, "internalTrafficPolicy", "Cluster");
  }
  if (nodePorts) set(spec, "externalTrafficPolicy", "Cluster");
  if (type === "LoadBalancer") set(spec, "allocateLoadBalancerNodePorts", true);
  set(child(obj, "status"), "loadBalancer", {});
}
