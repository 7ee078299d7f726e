/**
 * GitRepository (`nopea.false.systems/v1alpha1`): a source declared in the cluster. Its spec
 * becomes a {@linkcode WatchSource} (credentials from its `secretRef`); its status is written
 * back after every sync and drift check.
 */
import type { ClusterPort } from "../kube/mod.ts";
import { isPlainObject, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { watchSourceOf } from "./source_spec.ts";
import type { GitAuth, SourceStatus, WatchSource } from "./types.ts";

/** The apiVersion and kind of GitRepository objects. */
export const GIT_REPOSITORY = { apiVersion: "nopea.false.systems/v1alpha1", kind: "GitRepository" };

/** The key of a GitRepository object. */
export function gitRepositoryKey(namespace: string, name: string): ResourceKey {
  return { ...GIT_REPOSITORY, namespace, name };
}

const decode = (value: unknown) => typeof value === "string" && value ? atob(value) : undefined;

/** The credentials and webhook secret of a `secretRef` Secret (keys token, username, password, webhookSecret). */
async function secretOf(cluster: ClusterPort, namespace: string, name: string, where: string) {
  const secret = await cluster.get({ apiVersion: "v1", kind: "Secret", namespace, name });
  if (!secret) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid spec.secretRef "${name}" ${where}: no such Secret`,
      {
        hint:
          `Create the Secret "${name}" in namespace "${namespace}" with a token (or username and password)`,
      },
    );
  }
  const data = isPlainObject(secret["data"]) ? secret["data"] : {};
  const [token, username, password] = [
    decode(data["token"]),
    decode(data["username"]),
    decode(data["password"]),
  ];
  const auth: GitAuth | undefined = token || password
    ? {
      ...(token ? { token } : {}),
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    }
    : undefined;
  const webhookSecret = decode(data["webhookSecret"]);
  return { ...(auth ? { auth } : {}), ...(webhookSecret ? { webhookSecret } : {}) };
}

function field(spec: Record<string, unknown>, name: string, where: string): string | undefined {
  const value = spec[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new NopeaError("SPEC_INVALID", `Invalid spec.${name} ${where}: expected a string`, {
      hint: `Set spec.${name} to a string, or leave it out`,
    });
  }
  return value;
}

/**
 * The source a GitRepository declares.
 *
 * @throws {NopeaError} `SPEC_INVALID` naming the GitRepository and the field
 */
export async function sourceFromGitRepository(
  cluster: ClusterPort,
  object: KubeObject,
): Promise<WatchSource> {
  const namespace = object.metadata.namespace ?? "default";
  const name = object.metadata.name ?? "";
  const where = `in GitRepository ${namespace}/${name}`;
  const spec = isPlainObject(object["spec"]) ? object["spec"] : {};
  const url = field(spec, "url", where);
  if (!url) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Invalid GitRepository ${namespace}/${name}: spec.url is required`,
      {
        hint: "Set spec.url to the repository's http(s) URL",
      },
    );
  }
  const ref = isPlainObject(spec["secretRef"])
    ? field(spec["secretRef"], "name", where)
    : undefined;
  const secrets = ref ? await secretOf(cluster, namespace, ref, where) : {};
  const source = watchSourceOf({
    repo: url,
    service: field(spec, "service", where) ?? name,
    name,
    branch: field(spec, "branch", where),
    path: field(spec, "path", where),
    namespace: field(spec, "targetNamespace", where) ?? namespace,
    interval: field(spec, "interval", where) ?? "5m",
    healPolicy: field(spec, "healPolicy", where),
    healGracePeriod: field(spec, "healGracePeriod", where),
    notifyUrl: field(spec, "notifyUrl", where),
    suspend: spec["suspend"] === true,
    ...secrets,
  }, where);
  return { ...source, origin: { namespace, name } };
}

/** The `status` written to a GitRepository. */
export function repositoryStatus(status: SourceStatus): Record<string, unknown> {
  return {
    phase: status.phase,
    ...(status.lastSyncedCommit ? { lastSyncedCommit: status.lastSyncedCommit } : {}),
    ...(status.lastSyncTime ? { lastSyncTime: status.lastSyncTime } : {}),
    ...(status.lastDeployId ? { lastDeployId: status.lastDeployId } : {}),
    conditions: status.conditions,
  };
}
