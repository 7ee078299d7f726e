/**
 * The reads of KubeCluster: a group version's resource list, list pages, the source of a watch,
 * and the object in an answer.
 */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { ListOptions, ResourceInfo } from "./cluster_port.ts";
import { errorFromStatus, type StatusContext } from "./status_error.ts";
import { resourcesFromList } from "./_discovery.ts";
import { retitle, statusFromBody } from "./_errors.ts";
import { asObject, headOf, listPage, parseBody } from "./_objects.ts";
import { groupVersionPath, resourcePath, withQuery } from "./_paths.ts";
import type { WatchSource } from "./_watch.ts";
import { type HttpResponse, type HttpSession, ok } from "./_http_session.ts";

/** Server-side watch timeout; the session reconnects after it. */
const WATCH_SECONDS = 290;

/** The resources a group version serves; `undefined` when the server does not know it (404). */
export async function loadResources(
  session: HttpSession,
  apiVersion: string,
): Promise<ResourceInfo[] | undefined> {
  const res = await session.send({ method: "GET", path: groupVersionPath(apiVersion) });
  if (res.status === 404) return undefined;
  const head = `Cannot discover the resources of "${apiVersion}"`;
  if (!ok(res.status)) {
    throw retitle(
      errorFromStatus(statusFromBody(res.status, res.text), { verb: "discover" }),
      "discover",
      head,
    );
  }
  return resourcesFromList(apiVersion, parseBody(res.text, head));
}

/** One page of a list, its `continue` token and its resourceVersion. */
async function readPage(
  session: HttpSession,
  info: ResourceInfo,
  options: ListOptions,
  head: string,
  paging: { limit: number; continue?: string | undefined },
) {
  const path = withQuery(resourcePath(info, { namespace: options.namespace }), {
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    ...paging,
  });
  const res = await session.send({ method: "GET", path });
  if (!ok(res.status)) {
    throw retitle(
      errorFromStatus(statusFromBody(res.status, res.text), { verb: "list" }),
      "list",
      head,
    );
  }
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  return listPage(parseBody(res.text, head), apiVersion, info.kind, head);
}

/** Every object of a list, following `continue` pages. */
export async function readAllPages(
  session: HttpSession,
  info: ResourceInfo,
  options: ListOptions,
  head: string,
): Promise<KubeObject[]> {
  const items: KubeObject[] = [];
  let next: string | undefined;
  do {
    const page = await readPage(session, info, options, head, { limit: 500, continue: next });
    items.push(...page.items);
    next = page.next;
  } while (next);
  return items;
}

/** The object in a successful answer; the answer's Status as a NopeaError otherwise. */
export function objectOf(
  res: HttpResponse,
  ctx: StatusContext & { key: ResourceKey },
  kind: string,
): KubeObject {
  if (!ok(res.status)) throw errorFromStatus(statusFromBody(res.status, res.text), ctx);
  const head = headOf(ctx.verb, ctx.key);
  return asObject(parseBody(res.text, head), ctx.key.apiVersion, kind, head);
}

/** What a watch of a collection needs: its starting version and its event streams. */
export function watchSource(
  session: HttpSession,
  info: ResourceInfo,
  options: ListOptions,
  head: string,
): Omit<WatchSource, "apiVersion" | "kind"> {
  const selectors = {
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
  };
  const collection = resourcePath(info, { namespace: options.namespace });
  return {
    backoff: session.policy,
    sleep: session.policy.sleep,
    log: session.log,
    resourceVersion: async () =>
      (await readPage(session, info, options, head, { limit: 1 })).resourceVersion,
    open: async (resourceVersion, signal) => {
      const path = withQuery(collection, {
        ...selectors,
        watch: true,
        resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_SECONDS,
      });
      const res = await session.send({ method: "GET", path }, signal);
      if (res.status === 200 && res.stream) return res.stream;
      throw retitle(
        errorFromStatus(statusFromBody(res.status, res.text), { verb: "watch" }),
        "watch",
        head,
      );
    },
  };
}
