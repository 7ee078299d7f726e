import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { acquireLock, type LockPorts, unlock } from "../../src/lock/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { type HttpSandbox, memoryLogger, startHttpSandbox } from "../../src/testing/mod.ts";
import { LEASE, putLease, racing } from "./_leases.ts";
import { clusterWith } from "../_cluster_with.ts";

/** The lock's ports on the sandbox, as machine `identity` would take locks. */
function portsOf(h: HttpSandbox, identity = "host-a/1", more: Partial<LockPorts> = {}): LockPorts {
  return {
    cluster: h.cluster,
    clock: h.clock,
    log: memoryLogger(),
    identity,
    ttlMs: 60_000,
    ...more,
  };
}

async function leaseSpec(h: HttpSandbox): Promise<Record<string, unknown> | undefined> {
  return (await h.cluster.get(LEASE))?.["spec"] as Record<string, unknown> | undefined;
}

const isInProgress = (e: unknown) => isNopeaError(e) && e.code === "DEPLOY_IN_PROGRESS";

Deno.test("acquireLock() creates the Lease nopea-<service> naming its holder; release() removes it", async () => {
  await using h = await startHttpSandbox();
  const lock = await acquireLock(portsOf(h), "web", "default", "01DEP1");
  equal(lock.holder, "host-a/1/01DEP1");
  const spec = await leaseSpec(h);
  equal(spec?.["holderIdentity"], "host-a/1/01DEP1");
  equal(spec?.["leaseDurationSeconds"], 60);
  ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(String(spec?.["renewTime"])));
  equal(spec?.["acquireTime"], spec?.["renewTime"]);
  await lock.release();
  equal(await h.cluster.get(LEASE), undefined);
});

Deno.test("acquireLock() refuses a fresh Lease held by someone else, naming the holder and the fix", async () => {
  await using h = await startHttpSandbox();
  await putLease(h.cluster, "ci-runner/42/01OTHER", h.clock.now() - 10_000);
  await rejects(acquireLock(portsOf(h), "web", "default", "01DEP1"), (e) => {
    ok(isInProgress(e));
    ok(isNopeaError(e) && e.message.startsWith('Service "web" is being deployed by ci-runner/42/'));
    ok(isNopeaError(e) && e.message.includes('(lease "nopea-web" in namespace "default"'));
    ok(isNopeaError(e) && e.hint?.includes("nopea unlock web -n default"));
    return true;
  });
  equal((await leaseSpec(h))?.["holderIdentity"], "ci-runner/42/01OTHER");
});

Deno.test("acquireLock() takes over an expired Lease", async () => {
  await using h = await startHttpSandbox();
  await putLease(h.cluster, "gone-runner/7/01GONE", h.clock.now() - 61_000);
  const lock = await acquireLock(portsOf(h), "web", "default", "01DEP1");
  equal((await leaseSpec(h))?.["holderIdentity"], "host-a/1/01DEP1");
  await lock.release();
  equal(await h.cluster.get(LEASE), undefined);
});

Deno.test("a deploy into a namespace that does not exist yet is locked through default", async () => {
  await using h = await startHttpSandbox();
  const fallback = { ...LEASE, name: "nopea-web.fresh" };
  const lock = await acquireLock(portsOf(h), "web", "fresh", "01DEP1");
  equal(lock.holder, "host-a/1/01DEP1");
  equal((await h.cluster.get(fallback))?.["spec"]?.["holderIdentity" as never], "host-a/1/01DEP1");
  await rejects(
    acquireLock(portsOf(h, "host-b/2"), "web", "fresh", "01DEP2"),
    (e) =>
      isNopeaError(e) && e.code === "DEPLOY_IN_PROGRESS" && /host-a\/1\/01DEP1/.test(e.message),
  );
  // Once the namespace exists, a deploy there still sees the fallback Lease held.
  await h.cluster.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "fresh" } },
    { fieldManager: "test", force: false },
  );
  await rejects(
    acquireLock(portsOf(h, "host-b/2"), "web", "fresh", "01DEP3"),
    (e) => isNopeaError(e) && e.code === "DEPLOY_IN_PROGRESS",
  );
  equal(await h.cluster.get({ ...LEASE, namespace: "fresh" }), undefined, "released on refusal");
  await lock.release();
  equal(await h.cluster.get(fallback), undefined);
});

Deno.test("release() leaves a Lease another deploy took in the meantime", async () => {
  await using h = await startHttpSandbox();
  const lock = await acquireLock(portsOf(h, "host-a/1", { ttlMs: 3_000 }), "web", "default", "01A");
  h.advance(10_000);
  const other = await acquireLock(portsOf(h, "host-b/2"), "web", "default", "01B");
  const lease = await h.cluster.get(LEASE);
  equal(lease?.["spec"]?.["holderIdentity" as never], "host-b/2/01B");
  equal(lease?.["spec"]?.["leaseTransitions" as never], 1, "a takeover counts a transition");
  equal(lease?.metadata.labels?.["app.kubernetes.io/managed-by"], "nopea");
  await lock.release();
  equal((await h.cluster.get(LEASE))?.["spec"]?.["holderIdentity" as never], "host-b/2/01B");
  await other.release();
  equal(await h.cluster.get(LEASE), undefined);
});

Deno.test("a delete with a stale precondition is refused and deletes nothing", async () => {
  await using h = await startHttpSandbox();
  await putLease(h.cluster, "host-z/9/01Z", h.clock.now());
  const live = await h.cluster.get(LEASE);
  await rejects(
    h.cluster.delete(LEASE, { preconditions: { resourceVersion: "1" } }),
    (e) =>
      isNopeaError(e) && e.code === "KUBE_CONFLICT" &&
      /ResourceVersion in the precondition/.test(e.message),
  );
  await rejects(
    h.cluster.delete(LEASE, { preconditions: { uid: "not-the-uid" } }),
    (e) => isNopeaError(e) && e.code === "KUBE_CONFLICT" && /UID in precondition/.test(e.message),
  );
  ok(await h.cluster.get(LEASE));
  const { uid, resourceVersion } = live!.metadata;
  equal(
    await h.cluster.delete(LEASE, {
      preconditions: { uid: uid!, resourceVersion: resourceVersion! },
    }),
    true,
  );
});

Deno.test("renew() moves renewTime on only after a third of the duration", async () => {
  await using h = await startHttpSandbox();
  const lock = await acquireLock(portsOf(h, "host-a/1", { ttlMs: 3_000 }), "web", "default", "01D");
  const first = (await leaseSpec(h))?.["renewTime"];
  h.advance(1_000);
  await lock.renew();
  equal((await leaseSpec(h))?.["renewTime"], first, "not yet a third of 3 s");
  h.advance(1);
  await lock.renew();
  const second = (await leaseSpec(h))?.["renewTime"];
  ok(second !== first, `renewTime moved on from ${first}`);
  equal((await leaseSpec(h))?.["acquireTime"], first, "the acquire time stays");
  await lock.release();
});

Deno.test("renew() and release() leave alone a Lease someone else took over, and warn", async () => {
  await using h = await startHttpSandbox();
  const log = memoryLogger();
  const lock = await acquireLock(portsOf(h, "host-a/1", { log }), "web", "default", "01DEP1");
  await putLease(h.cluster, "ci-runner/42/01OTHER", h.clock.now());
  h.advance(30_000);
  await lock.renew();
  await lock.release();
  const spec = await leaseSpec(h);
  equal(spec?.["holderIdentity"], "ci-runner/42/01OTHER");
  ok(log.records.some((r) => r.level === "warn" && /removed or taken/.test(r.message)));
});

Deno.test("a merge patch with a stale resourceVersion is a KUBE_CONFLICT", async () => {
  await using h = await startHttpSandbox();
  await putLease(h.cluster, "x/1/01X", h.clock.now());
  const stale = (await h.cluster.get(LEASE))!.metadata.resourceVersion;
  await h.cluster.patch(LEASE, {
    metadata: { resourceVersion: stale },
    spec: { holderIdentity: "y" },
  });
  await rejects(
    h.cluster.patch(LEASE, {
      metadata: { resourceVersion: stale },
      spec: { holderIdentity: "z" },
    }),
    (e) => isNopeaError(e) && e.code === "KUBE_CONFLICT",
  );
});

Deno.test("two machines racing for a Lease: exactly one takes it", async (c) => {
  for (const [name, renewedAgo] of [["expired", 120_000], ["absent", undefined]] as const) {
    await c.step(`the Lease ${name}`, async () => {
      await using h = await startHttpSandbox();
      if (renewedAgo !== undefined) {
        await putLease(h.cluster, "gone-runner/7/01GONE", h.clock.now() - renewedAgo);
      }
      let arrived = 0;
      let open = () => {};
      const opened = new Promise<void>((resolve) => open = resolve);
      const arrive = async () => {
        if (++arrived === 2) open();
        await opened;
      };
      const outcomes = await Promise.allSettled(
        ["a", "b"].map((id) =>
          acquireLock(
            portsOf(h, `host-${id}/1`, { cluster: racing(h.cluster, arrive) }),
            "web",
            "default",
            `01D${id.toUpperCase()}`,
          )
        ),
      );
      const won = outcomes.flatMap((o) => o.status === "fulfilled" ? [o.value] : []);
      equal(won.length, 1);
      const lost = outcomes.filter((o) => o.status === "rejected");
      equal(lost.length, 1);
      ok(isInProgress(lost[0]?.reason), String(lost[0]?.reason));
      equal((await leaseSpec(h))?.["holderIdentity"], won[0]?.holder);
    });
  }
});

Deno.test("unlock() refuses a fresh Lease without force and removes it with force", async (c) => {
  await using h = await startHttpSandbox();
  const ports = portsOf(h);
  await c.step("a fresh Lease is refused, naming its holder", async () => {
    await putLease(h.cluster, "ci-runner/42/01OTHER", h.clock.now());
    await rejects(unlock(ports, "web", "default"), (e) => {
      ok(isInProgress(e));
      ok(isNopeaError(e) && e.message.includes("ci-runner/42/01OTHER"));
      ok(isNopeaError(e) && e.hint?.includes("nopea unlock web -n default --force"));
      return true;
    });
    ok(await h.cluster.get(LEASE));
  });
  await c.step("force removes it", async () => {
    const result = await unlock(ports, "web", "default", { force: true });
    deepEqual(result, {
      service: "web",
      namespace: "default",
      lease: "nopea-web",
      removed: true,
      holder: "ci-runner/42/01OTHER",
      fresh: true,
    });
    equal(await h.cluster.get(LEASE), undefined);
  });
  await c.step("no Lease: nothing removed", async () => {
    deepEqual(await unlock(ports, "web", "default"), {
      service: "web",
      namespace: "default",
      lease: "nopea-web",
      removed: false,
    });
  });
  await c.step("an expired Lease is removed without force", async () => {
    await putLease(h.cluster, "gone/1/01GONE", h.clock.now() - 61_000);
    const result = await unlock(ports, "web", "default");
    equal(result.removed, true);
    equal(result.fresh, false);
  });
  await c.step("a service name that is no DNS-1123 label is SPEC_INVALID", async () => {
    await rejects(
      unlock(ports, "Web_1", "default"),
      (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes('"Web_1"'),
    );
  });
});

Deno.test("a free Lease is taken with one write and released with one delete, no reads", async () => {
  await using h = await startHttpSandbox();
  const calls: string[] = [];
  const c = h.cluster;
  const cluster = clusterWith(c, {
    get: (...a) => (calls.push(`get ${a[0].name}`), c.get(...a)),
    apply: (...a) => (calls.push(`apply ${a[0].metadata.name}`), c.apply(...a)),
    patch: (...a) => (calls.push(`patch ${a[0].name}`), c.patch(...a)),
    delete: (...a) => (calls.push(`delete ${a[0].name}`), c.delete(...a)),
  });
  const lock = await acquireLock(portsOf(h, "host-a/1", { cluster }), "web", "default", "01DEP1");
  await lock.release();
  const onLease = calls.filter((call) => call.endsWith(" nopea-web"));
  deepEqual(onLease, ["apply nopea-web", "delete nopea-web"]);
  equal(await h.cluster.get(LEASE), undefined);
});
