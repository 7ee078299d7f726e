/** KULTA_CRD: the `rollouts.kulta.io` CustomResourceDefinition, to install KULTA's API in a cluster. */
import type { KubeObject } from "../manifests/mod.ts";

const open = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
const duration = { type: "string", pattern: "^[0-9]+[smh]$" };

const canaryStep = {
  type: "object",
  required: ["setWeight"],
  properties: {
    setWeight: { type: "integer", format: "int32", minimum: 0, maximum: 100 },
    pause: { type: "object", nullable: true, properties: { duration } },
  },
};

const trafficRouting = {
  type: "object",
  properties: {
    gatewayAPI: {
      type: "object",
      required: ["httpRoute"],
      properties: { httpRoute: { type: "string", minLength: 1 } },
    },
  },
};

const strategy = {
  type: "object",
  properties: {
    simple: open,
    canary: {
      type: "object",
      required: ["canaryService", "stableService"],
      properties: {
        canaryService: { type: "string" },
        stableService: { type: "string" },
        port: { type: "integer", format: "int32", default: 80 },
        steps: { type: "array", items: canaryStep, minItems: 1 },
        trafficRouting,
        analysis: open,
      },
    },
    blueGreen: {
      type: "object",
      required: ["activeService", "previewService"],
      properties: {
        activeService: { type: "string" },
        previewService: { type: "string" },
        port: { type: "integer", format: "int32", default: 80 },
        autoPromotionEnabled: { type: "boolean" },
        autoPromotionSeconds: { type: "integer", format: "int32" },
        trafficRouting,
        analysis: open,
      },
    },
    abTesting: open,
  },
};

const schema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["selector", "strategy", "template"],
      properties: {
        replicas: { type: "integer", format: "int32", default: 1 },
        selector: open,
        template: open,
        strategy,
        maxSurge: { type: "string" },
        maxUnavailable: { type: "string" },
        progressDeadlineSeconds: { type: "integer", format: "int32" },
        advisor: open,
      },
    },
    status: open,
  },
};

const column = (name: string, type: string, jsonPath: string) => ({ name, type, jsonPath });

/**
 * The `rollouts.kulta.io` CRD (external-formats §1.1–1.4): kind `Rollout`, namespaced,
 * `v1alpha1` served (the version KULTA's controller watches) with the status subresource and
 * KULTA's printer columns; a structural schema of the spec's strategies, with pod templates,
 * selectors and status kept open (`x-kubernetes-preserve-unknown-fields`). KULTA itself also
 * serves `v1beta1` as the storage version through a conversion webhook; that version is left out
 * here, so the CRD works on clusters (and the sandbox) without the webhook. Apply it, then start
 * KULTA's controller (or the sandbox's simulation) to drive Rollouts.
 *
 * @example Install it in the in-process sandbox
 * ```ts
 * import { KULTA_CRD } from "./kulta_crd.ts";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * await deps.cluster.apply(KULTA_CRD, { fieldManager: "nopea" });
 * equal((await deps.cluster.discover("kulta.io/v1alpha1", "Rollout"))?.plural, "rollouts");
 * ```
 */
export const KULTA_CRD: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "rollouts.kulta.io", labels: { "app.kubernetes.io/name": "kulta" } },
  spec: {
    group: "kulta.io",
    scope: "Namespaced",
    names: {
      kind: "Rollout",
      listKind: "RolloutList",
      plural: "rollouts",
      singular: "rollout",
      shortNames: [],
      categories: [],
    },
    versions: [{
      name: "v1alpha1",
      served: true,
      storage: true,
      subresources: { status: {} },
      additionalPrinterColumns: [
        column("Desired", "integer", ".spec.replicas"),
        column("Current", "integer", ".status.replicas"),
        column("Ready", "integer", ".status.readyReplicas"),
        column("Phase", "string", ".status.phase"),
        column("Weight", "integer", ".status.currentWeight"),
        column("Age", "date", ".metadata.creationTimestamp"),
      ],
      schema: { openAPIV3Schema: schema },
    }],
  },
};
