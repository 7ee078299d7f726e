/** LoadBalancer Services get an ingress IP and claims get Bound, each after readyDelayMs. */
import type { JsonObject } from "../types.ts";
import { isObject, metaOf, obj, objects, str } from "./_json.ts";
import type { Ref, Runtime } from "./_runtime.ts";

function ingressOf(service: JsonObject): JsonObject[] {
  return objects(obj(obj(service["status"])["loadBalancer"])["ingress"]);
}

/** The lowest loopback address from `127.0.0.2` up that no other LoadBalancer holds. */
function freeAddress(rt: Runtime): string {
  const used = new Set(rt.api.list("", "Service").flatMap(ingressOf).map((i) => str(i["ip"])));
  for (let n = 2;; n++) {
    const ip = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    if (!used.has(ip)) return ip;
  }
}

/** Reconciles one Service: only type LoadBalancer needs a controller. */
export function reconcileService(rt: Runtime, ref: Ref): void {
  const service = rt.get(ref);
  if (!service) return;
  const uid = metaOf(service).uid;
  if (obj(service["spec"])["type"] !== "LoadBalancer") {
    rt.setMark(uid, "lb", undefined);
    if (ingressOf(service).length > 0) rt.updateStatus(ref, service, { loadBalancer: {} });
    return;
  }
  if (ingressOf(service).length > 0) return;
  const readyAt = rt.since(uid, "lb") + rt.settings.readyDelayMs;
  if (rt.now() < readyAt) {
    if (!isObject(obj(service["status"])["loadBalancer"])) {
      rt.updateStatus(ref, service, { loadBalancer: {} });
    }
    rt.wakeAt(ref, readyAt);
    return;
  }
  rt.updateStatus(ref, service, {
    loadBalancer: { ingress: [{ ip: freeAddress(rt), ipMode: "VIP" }] },
  });
}

/** Reconciles one PersistentVolumeClaim: Pending, then Bound with the requested capacity. */
export function reconcileClaim(rt: Runtime, ref: Ref): void {
  const claim = rt.get(ref);
  if (!claim) return;
  const m = metaOf(claim);
  if (m.deleting || obj(claim["status"])["phase"] === "Bound") return;
  const readyAt = rt.since(m.uid, "bind") + rt.settings.readyDelayMs;
  if (rt.now() < readyAt) {
    rt.updateStatus(ref, claim, { phase: "Pending" });
    rt.wakeAt(ref, readyAt);
    return;
  }
  const spec = obj(claim["spec"]);
  const storage = str(obj(obj(spec["resources"])["requests"])["storage"]) ?? "1Gi";
  const accessModes = Array.isArray(spec["accessModes"]) ? spec["accessModes"] : ["ReadWriteOnce"];
  rt.updateStatus(ref, claim, { phase: "Bound", accessModes, capacity: { storage } });
}
