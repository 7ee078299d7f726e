import { equal } from "node:assert/strict";
import {
  type ClassifiableError,
  classifyError,
  ERROR_CLASS_ADVICE,
  ERROR_CLASSES,
  type ErrorClass,
  errorClassOf,
} from "../../src/memory/mod.ts";

Deno.test("classifyError() maps codes, reasons and messages to stable classes", async (t) => {
  const cases: { name: string; error: ClassifiableError; expected: ErrorClass }[] = [
    {
      name: "KUBE_CONFLICT",
      error: { code: "KUBE_CONFLICT", message: "conflict on .spec.replicas" },
      expected: "FieldManagerConflict",
    },
    {
      name: "KUBE_FORBIDDEN",
      error: { code: "KUBE_FORBIDDEN", message: "cannot patch" },
      expected: "Forbidden",
    },
    {
      name: "KUBE_UNAUTHORIZED",
      error: { code: "KUBE_UNAUTHORIZED", message: "bad token" },
      expected: "Unauthorized",
    },
    {
      name: "KUBE_INVALID",
      error: { code: "KUBE_INVALID", message: "spec.replicas: Invalid value" },
      expected: "Invalid",
    },
    {
      name: "MANIFEST_INVALID",
      error: { code: "MANIFEST_INVALID", message: "no kind" },
      expected: "Invalid",
    },
    {
      name: "KUBE_NOT_FOUND_KIND",
      error: { code: "KUBE_NOT_FOUND_KIND", message: "no Rollout" },
      expected: "NotFoundKind",
    },
    {
      name: "KULTA_NOT_INSTALLED",
      error: { code: "KULTA_NOT_INSTALLED", message: "no CRD" },
      expected: "NotFoundKind",
    },
    {
      name: "KUBE_UNREACHABLE",
      error: { code: "KUBE_UNREACHABLE", message: "dial tcp" },
      expected: "Unreachable",
    },
    {
      name: "KUBE_SERVER_ERROR",
      error: { code: "KUBE_SERVER_ERROR", message: "etcd" },
      expected: "ServerError",
    },
    {
      name: "KULTA's ROLLOUT_FAILED",
      error: { code: "ROLLOUT_FAILED", message: "analysis" },
      expected: "RolloutFailed",
    },
    {
      name: "nopea's lowercase timeout atom",
      error: { code: "timeout", message: "x" },
      expected: "Timeout",
    },
    {
      name: "readiness reason ImagePullBackOff",
      error: { code: "INTERNAL", message: "not ready", reason: "ImagePullBackOff" },
      expected: "ImagePullBackOff",
    },
    {
      name: "readiness reason in any case",
      error: { code: "INTERNAL", message: "x", reason: "errimagepull" },
      expected: "ErrImagePull",
    },
    {
      name: "CrashLoopBackOff named in the message",
      error: { code: "INTERNAL", message: "container api: CrashLoopBackOff (exit 1)" },
      expected: "CrashLoopBackOff",
    },
    {
      name: "CreateContainerConfigError in the message",
      error: { code: "KUBE_INVALID", message: "CreateContainerConfigError: secret missing" },
      expected: "CreateContainerConfigError",
    },
    {
      name: "ProgressDeadlineExceeded condition",
      error: { code: "INTERNAL", message: "x", reason: "ProgressDeadlineExceeded" },
      expected: "ProgressDeadlineExceeded",
    },
    {
      name: "Status reason ServerTimeout",
      error: { code: "INTERNAL", message: "x", reason: "ServerTimeout" },
      expected: "Timeout",
    },
    {
      name: "Status reason TooManyRequests",
      error: { code: "INTERNAL", message: "x", reason: "TooManyRequests" },
      expected: "ServerError",
    },
    {
      name: "a timeout in words",
      error: { code: "INTERNAL", message: 'Deployment "api" timed out after 5m' },
      expected: "Timeout",
    },
    {
      name: "connection refused",
      error: { code: "INTERNAL", message: "connect ECONNREFUSED 127.0.0.1:6443" },
      expected: "Unreachable",
    },
    {
      name: "KUBE_NOT_FOUND of a kind",
      error: {
        code: "KUBE_NOT_FOUND",
        message: "the server could not find the requested resource type",
      },
      expected: "NotFoundKind",
    },
    {
      name: "nothing recognizable",
      error: { code: "INTERNAL", message: "something odd" },
      expected: "Unknown",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(classifyError(c.error), c.expected));
  }
});

Deno.test("errorClassOf() reads lowercased graph names back, and every class has advice", () => {
  equal(errorClassOf("imagepullbackoff"), "ImagePullBackOff");
  equal(errorClassOf("no-such-class"), undefined);
  equal(ERROR_CLASSES.length, 16);
  for (const c of ERROR_CLASSES) equal(typeof ERROR_CLASS_ADVICE[c], "string");
});
