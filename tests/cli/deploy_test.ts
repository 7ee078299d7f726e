import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: example/web:IMAGE_TAG
`;

Deno.test("nopea deploy exits 0 when completed, 1 when failed, and remembers both", async () => {
  await using world = await cliWorld();
  const good = await world.write("app/good.yaml", APP.replace("IMAGE_TAG", "1.0"));
  const ok1 = await world.run(["deploy", "-f", good, "-s", "web"]);
  equal(ok1.code, 0, ok1.io.out() + ok1.io.err());
  match(ok1.io.out(), /✓ Deployed service "web" to namespace "default"/);
  match(ok1.io.out(), /2 objects: 2 created/);

  const broken = await world.write("app/broken.yaml", APP.replace("IMAGE_TAG", "broken"));
  const failed = await world.run([
    "deploy",
    "-f",
    broken,
    "-s",
    "web",
    "--tolerance",
    "0s",
    "-o",
    "json",
  ]);
  equal(failed.code, 1, failed.io.err());
  const result = JSON.parse(failed.io.out());
  equal(result.status, "failed");
  match(result.error.message, /ErrImagePull|ImagePullBackOff/);

  const history = await world.run(["history", "web", "-o", "json"]);
  equal(history.code, 0);
  const deploys = JSON.parse(history.io.out()).deploys as { status: string }[];
  equal(deploys.map((d) => d.status).join(","), "failed,completed");
  const explain = await world.run(["explain", "web"]);
  equal(explain.code, 0);
  match(explain.io.out(), /ErrImagePull|ImagePullBackOff/);
  const services = await world.run(["services"]);
  match(services.io.out(), /^web\s+2\s/m);
});

Deno.test("nopea deploy reads manifests from stdin", async () => {
  await using world = await cliWorld();
  const { code, io } = await world.run(["deploy", "-f", "-", "-s", "web", "-o", "json"], {
    stdin: APP.replace("IMAGE_TAG", "1.0"),
  });
  equal(code, 0, io.err());
  equal(JSON.parse(io.out()).resources.length, 2);
});

Deno.test("nopea deploy exits 3 when the cluster cannot be reached", async () => {
  await using world = await cliWorld();
  const file = await world.write(
    "cm.yaml",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
  );
  const dead = world.sandbox.kubeconfig().replace(
    /https:\/\/127\.0\.0\.1:\d+/,
    "https://127.0.0.1:9",
  );
  const kc = await world.write("dead-kubeconfig", dead);
  const { code, io } = await world.run(["deploy", "-f", file, "-s", "web", "--kubeconfig", kc]);
  equal(code, 3, io.out() + io.err());
  match(io.out() + io.err(), /KUBE_UNREACHABLE/);
});

Deno.test("nopea deploy with a broken kubeconfig exits 3 with a hint", async () => {
  await using world = await cliWorld();
  const file = await world.write(
    "cm.yaml",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
  );
  const { code, io } = await world.run([
    "deploy",
    "-f",
    file,
    "-s",
    "web",
    "--kubeconfig",
    `${world.dir}/missing`,
  ]);
  equal(code, 3);
  match(io.err(), /KUBECONFIG_INVALID/);
  match(io.err(), /Hint:/);
});

Deno.test("nopea diff exits 1 with changes and 0 without, masking Secret values", async () => {
  await using world = await cliWorld();
  const secret =
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: hunter2-very-secret\n";
  const file = await world.write("s.yaml", secret + "---\n" + APP.replace("IMAGE_TAG", "1.0"));
  const before = await world.run(["diff", "-f", file, "-s", "web"]);
  equal(before.code, 1, before.io.err());
  match(before.io.out(), /\+ create Secret\/default\/creds/);
  match(before.io.out(), /\+ create Deployment\.apps\/default\/web/);
  equal(before.io.out().includes("hunter2-very-secret"), false, "Secret value never printed");
  const deployed = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(deployed.code, 0, deployed.io.out());
  const after = await world.run(["diff", "-f", file, "-s", "web"]);
  equal(after.code, 0, after.io.out());
  match(after.io.out(), /0 to create, 0 to configure, 3 unchanged|3 unchanged/);
});

Deno.test("cli.ts runs as a subprocess and exits with the deploy's code", async () => {
  await using world = await cliWorld();
  const file = await world.write("app.yaml", APP.replace("IMAGE_TAG", "1.0"));
  const cli = new URL("../../cli.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      cli,
      "deploy",
      "-f",
      file,
      "-s",
      "web",
      "--kubeconfig",
      world.kubeconfig,
      "--memory-dir",
      `${world.dir}/.nopea`,
    ],
    cwd: world.dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  equal(out.code, 0, text);
  ok(text.includes('Deployed service "web"'), text);
});
