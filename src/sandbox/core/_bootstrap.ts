/**
 * What a fresh cluster holds: the system namespaces, one Ready node, the `kubernetes` Service and
 * the system PriorityClasses.
 */
import { rfc3339 } from "../../shared/mod.ts";
import type { JsonObject } from "../types.ts";
import { commitWrite } from "./_commit.ts";
import type { CoreContext } from "./_context.ts";
import { SYSTEM_PRIORITY_CLASSES } from "./_pod_priority.ts";

/** The namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
];

/** The name of the sandbox's single node. */
export const NODE_NAME = "sandbox-node";

function node(now: string): JsonObject {
  const resources = { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "100Gi" };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: NODE_NAME,
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": NODE_NAME,
        "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/control-plane": "",
      },
    },
    spec: { podCIDR: "10.244.0.0/24", podCIDRs: ["10.244.0.0/24"] },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition(
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ),
        condition(
          "DiskPressure",
          "False",
          "KubeletHasNoDiskPressure",
          "kubelet has no disk pressure",
        ),
        condition(
          "PIDPressure",
          "False",
          "KubeletHasSufficientPID",
          "kubelet has sufficient PID available",
        ),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      addresses: [{ type: "InternalIP", address: "127.0.0.1" }, {
        type: "Hostname",
        address: NODE_NAME,
      }],
      nodeInfo: {
        kubeletVersion: "v1.32.0",
        kubeProxyVersion: "v1.32.0",
        containerRuntimeVersion: "sandbox://1.0.0",
        operatingSystem: "linux",
        architecture: "amd64",
        osImage: "Nopea sandbox",
        kernelVersion: "6.0.0",
      },
    },
  };
}

const KUBERNETES_SERVICE: JsonObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "kubernetes",
    namespace: "default",
    labels: { component: "apiserver", provider: "kubernetes" },
  },
  spec: {
    clusterIP: "10.96.0.1",
    ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
  },
};

function put(
  ctx: CoreContext,
  kind: string,
  obj: JsonObject,
  namespace: string,
  manager: string,
): void {
  const type = ctx.registry.findKind("", "v1", kind);
  if (!type) throw new Error(`Builtin kind "${kind}" is missing from the registry`);
  commitWrite(ctx, type, undefined, obj, namespace, {
    dryRun: false,
    trusted: true,
    manager: { name: manager, operation: "update" },
  });
}

/** Creates the objects of a fresh cluster. */
export function bootstrap(ctx: CoreContext): void {
  for (const name of SYSTEM_NAMESPACES) {
    put(
      ctx,
      "Namespace",
      { apiVersion: "v1", kind: "Namespace", metadata: { name } },
      "",
      "kube-apiserver",
    );
  }
  put(ctx, "Node", node(rfc3339(ctx.clock.now())), "", "kubelet");
  put(ctx, "Service", KUBERNETES_SERVICE, "default", "kube-apiserver");
  const priorityClass = ctx.registry.findKind("scheduling.k8s.io", "v1", "PriorityClass");
  if (!priorityClass) return; // a registry built without the scheduling group
  for (const obj of SYSTEM_PRIORITY_CLASSES) {
    commitWrite(ctx, priorityClass, undefined, obj, "", {
      dryRun: false,
      trusted: true,
      manager: { name: "kube-apiserver", operation: "update" },
    });
  }
}
