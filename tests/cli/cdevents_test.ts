import { deepEqual, equal } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: GREETING
`;

Deno.test("nopea deploy and rollback deliver CDEvents to NOPEA_CDEVENTS_URL before returning", async () => {
  const seen: { type: string | null; source: string | null; subject: unknown }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    const body = await r.json();
    seen.push({
      type: r.headers.get("ce-type"),
      source: r.headers.get("ce-source"),
      subject: body.subject.id,
    });
    return new Response(null, { status: 202 });
  });
  await using world = await cliWorld();
  const env = { NOPEA_CDEVENTS_URL: `http://127.0.0.1:${server.addr.port}/events` };
  for (const greeting of ["hello", "bonjour"]) {
    const file = await world.write(`${greeting}.yaml`, APP.replace("GREETING", greeting));
    const run = await world.run(["deploy", "-f", file, "-s", "web"], { env });
    equal(run.code, 0, run.io.out() + run.io.err());
  }
  const back = await world.run(["rollback", "web"], { env });
  equal(back.code, 0, back.io.out() + back.io.err());
  await server.shutdown();
  deepEqual(seen, [
    {
      type: "dev.cdevents.service.deployed.0.2.0",
      source: "/nopea/127.0.0.1",
      subject: "default/web",
    },
    {
      type: "dev.cdevents.service.upgraded.0.2.0",
      source: "/nopea/127.0.0.1",
      subject: "default/web",
    },
    {
      type: "dev.cdevents.service.rolledback.0.2.0",
      source: "/nopea/127.0.0.1",
      subject: "default/web",
    },
  ]);
});
