/**
 * The GitRepository controller: lists and watches GitRepository objects (the Kubernetes watch
 * API), keeps the watcher's sources in step with them, and writes their status. An invalid spec
 * becomes the object's `Ready=False` condition (reason `InvalidSpec`); it never stops the others.
 */
import type { ClusterPort, WatchEvent, WatchHandle } from "../kube/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { type Clock, isNopeaError, type Logger } from "../shared/mod.ts";
import {
  GIT_REPOSITORY,
  gitRepositoryKey,
  repositoryStatus,
  sourceFromGitRepository,
} from "./git_repository.ts";
import { initialStatus, markFailed } from "./source_status.ts";
import type { SourceStatus, WatchSource } from "./types.ts";
import type { Watcher } from "./watcher_types.ts";

/** What the controller needs. */
export interface RepositoryControllerDeps {
  /** Where GitRepository objects (and their Secrets) are read and their status written. */
  cluster: ClusterPort;
  /** The loop whose sources follow the objects. */
  watcher: Watcher;
  /** Time of statuses. */
  clock: Clock;
  /** Where invalid specs are logged. */
  log: Logger;
  /** Called once a watch event was brought in (tests wait on it). */
  onHandled?: (event: WatchEvent) => void;
}

/** A running controller. */
export interface RepositoryController {
  /** Brings one object's change in (the watch calls it; tests may too). */
  handle(event: WatchEvent): Promise<void>;
  /** Stops watching. */
  stop(): void;
}

/** Writes a source's status to its GitRepository (sources from flags have none). */
export async function writeRepositoryStatus(
  cluster: ClusterPort,
  status: SourceStatus,
  source: WatchSource,
): Promise<void> {
  if (!source.origin) return;
  const key = gitRepositoryKey(source.origin.namespace, source.origin.name);
  await cluster.patch(key, { status: repositoryStatus(status) }, { subresource: "status" });
}

const specOf = (source: WatchSource) => JSON.stringify({ ...source, origin: undefined });

async function bringIn(deps: RepositoryControllerDeps, object: KubeObject): Promise<void> {
  const { cluster, watcher } = deps;
  const namespace = object.metadata.namespace ?? "default";
  const name = object.metadata.name ?? "";
  const current = watcher.source(name);
  if (current?.origin && current.origin.namespace !== namespace) {
    const other = `${current.origin.namespace}/${name}`;
    return await invalid(
      deps,
      object,
      `GitRepository ${namespace}/${name}: the name is taken by GitRepository ${other} (the webhook path /webhook/${name})`,
    );
  }
  let source: WatchSource;
  try {
    source = await sourceFromGitRepository(cluster, object);
  } catch (error) {
    if (!isNopeaError(error)) throw error;
    watcher.remove(name);
    return await invalid(deps, object, error.message);
  }
  if (current && specOf(current) === specOf(source)) return;
  deps.log.log(
    "info",
    `Watching GitRepository ${namespace}/${name} (${source.branch} of ${source.path || "/"})`,
  );
  watcher.upsert(source);
}

/** Whether the object's status already carries this InvalidSpec message (its own status write). */
function alreadySays(object: KubeObject, message: string): boolean {
  const status = object["status"] as { conditions?: { reason?: string; message?: string }[] };
  return status?.conditions?.some((c) => c.reason === "InvalidSpec" && c.message === message) ??
    false;
}

/** Writes `Ready=False, InvalidSpec` to an object whose spec cannot be watched. */
async function invalid(deps: RepositoryControllerDeps, object: KubeObject, message: string) {
  const namespace = object.metadata.namespace ?? "default";
  const name = object.metadata.name ?? "";
  if (alreadySays(object, message)) return;
  deps.log.log("error", message, { gitRepository: `${namespace}/${name}` });
  const source = { name, service: name, repo: "", branch: "", path: "", intervalMs: 0 };
  const status = initialStatus(source, deps.clock.now());
  markFailed(status, source, { reason: "InvalidSpec", message }, deps.clock.now());
  const key = gitRepositoryKey(namespace, name);
  await deps.cluster.patch(key, { status: repositoryStatus(status) }, { subresource: "status" });
}

/**
 * Starts watching GitRepository objects (in `namespace`, else everywhere): the ones that exist
 * become sources at once, later changes as they come.
 */
export async function startRepositoryController(
  deps: RepositoryControllerDeps,
  options: { namespace?: string } = {},
): Promise<RepositoryController> {
  const list = options.namespace ? { namespace: options.namespace } : {};
  const handle = async (event: WatchEvent) => {
    const { object } = event;
    try {
      if (event.type === "DELETED") {
        const source = deps.watcher.source(object.metadata.name ?? "");
        if (source && source.origin?.namespace === object.metadata.namespace) {
          deps.watcher.remove(source.name);
        }
      } else await bringIn(deps, object);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.log(
        "error",
        `GitRepository ${object.metadata.namespace}/${object.metadata.name}: ${message}`,
      );
    }
  };
  let queue = Promise.resolve();
  const watch: WatchHandle = await deps.cluster.watch(
    GIT_REPOSITORY.apiVersion,
    GIT_REPOSITORY.kind,
    list,
    (event) => {
      queue = queue.then(() => handle(event)).then(() => deps.onHandled?.(event));
    },
  );
  for (
    const object of await deps.cluster.list(GIT_REPOSITORY.apiVersion, GIT_REPOSITORY.kind, list)
  ) {
    await handle({ type: "ADDED", object });
  }
  return { handle, stop: () => watch.stop() };
}
