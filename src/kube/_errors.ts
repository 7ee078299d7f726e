/** NopeaErrors of the cluster adapter: unreachable, unknown kind, auth set-up, Status bodies. */
import { NopeaError } from "../shared/mod.ts";
import { isPlainObject } from "../manifests/mod.ts";
import { describeCause } from "./_retry.ts";
import type { KubeStatus } from "./status_error.ts";

const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|certificate/i;

/** `KUBE_UNREACHABLE`: the transport failed (after retries, when transient). */
export function unreachableError(
  server: string,
  cause: unknown,
  details: Record<string, unknown> = {},
): NopeaError {
  const why = describeCause(cause);
  const hint = CERTIFICATE.test(why)
    ? "The server certificate is not trusted: check certificate-authority(-data) of the cluster in the kubeconfig"
    : "Check the kubeconfig context (--context, --kubeconfig), that the cluster is running, and your network or VPN";
  return new NopeaError("KUBE_UNREACHABLE", `Cannot reach the cluster at "${server}": ${why}`, {
    hint,
    cause,
    details: { server, ...details },
  });
}

/** `KUBE_NOT_FOUND_KIND`: discovery does not know the kind. */
export function unknownKindError(head: string, apiVersion: string, kind: string): NopeaError {
  return new NopeaError(
    "KUBE_NOT_FOUND_KIND",
    `${head}: the cluster does not serve kind "${kind}" in apiVersion "${apiVersion}"`,
    {
      hint:
        `Install the CustomResourceDefinition that defines "${kind}", or fix the apiVersion ("kubectl api-resources" lists what the cluster serves)`,
      details: { apiVersion, kind },
    },
  );
}

/** `KUBE_UNAUTHORIZED`: the credentials could not be prepared (exec plugin, token file). */
export function credentialsError(server: string, cause: unknown): NopeaError {
  return new NopeaError(
    "KUBE_UNAUTHORIZED",
    `Cannot authenticate to the cluster at "${server}": ${describeCause(cause)}`,
    {
      hint:
        "Check the user of the kubeconfig context (token file, client certificate or exec plugin)",
      cause,
      details: { server },
    },
  );
}

/** Reads a failure body: a `kind: Status` object, or any text. */
export function statusFromBody(code: number, body: string): KubeStatus {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (isPlainObject(parsed) && parsed["kind"] === "Status") {
    return {
      code,
      ...(typeof parsed["reason"] === "string" ? { reason: parsed["reason"] } : {}),
      ...(typeof parsed["message"] === "string" ? { message: parsed["message"] } : {}),
      ...(isPlainObject(parsed["details"]) ? { details: parsed["details"] } : {}),
    };
  }
  const text = body.trim().slice(0, 200);
  return text ? { code, message: text } : { code };
}

/** Replaces the leading `Cannot <verb>` of a classified error with a more precise head. */
export function retitle(error: NopeaError, verb: string, head: string): NopeaError {
  const prefix = `Cannot ${verb}`;
  if (!error.message.startsWith(prefix)) return error;
  return new NopeaError(error.code, head + error.message.slice(prefix.length), {
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.details === undefined ? {} : { details: error.details }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}
