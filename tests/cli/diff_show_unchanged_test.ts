/** `nopea diff` lists only what would change, unless --show-unchanged; -o json is compact. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const cm = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${value}"\n`;

Deno.test("nopea diff hides unchanged objects unless --show-unchanged", async (t) => {
  await using world = await cliWorld();
  const first = await world.write(
    "v1.yaml",
    [cm("one", "1"), cm("two", "1"), cm("three", "1")].join("---\n"),
  );
  equal((await world.run(["deploy", "-f", first, "-s", "web"])).code, 0);
  const second = await world.write(
    "v2.yaml",
    [cm("one", "2"), cm("two", "1"), cm("three", "1")].join("---\n"),
  );
  await t.step(
    "by default only the changed object is shown; the summary counts the rest",
    async () => {
      const { code, io } = await world.run(["diff", "-f", second, "-s", "web"]);
      equal(code, 1, io.err());
      match(io.out(), /~ configure ConfigMap\/default\/one/);
      equal(io.out().includes("= unchanged"), false, io.out());
      match(io.out(), /0 to create, 1 to configure, 2 unchanged \(not shown\)/);
    },
  );
  await t.step("--show-unchanged lists them", async () => {
    const { io } = await world.run(["diff", "-f", second, "-s", "web", "--show-unchanged"]);
    match(io.out(), /= unchanged ConfigMap\/default\/two/);
    match(io.out(), /0 to create, 1 to configure, 2 unchanged\n/);
  });
  await t.step("-o json gives the changed fields, no objects, no managedFields", async () => {
    const { io } = await world.run(["diff", "-f", second, "-s", "web", "-o", "json"]);
    const diff = JSON.parse(io.out());
    deepEqual(diff.entries, [{
      key: "ConfigMap/default/one",
      action: "configure",
      changes: [{ path: "data.a", from: "1", to: "2" }],
    }]);
    equal(diff.unchanged, 2);
    ok(!io.out().includes("managedFields"));
  });
});
