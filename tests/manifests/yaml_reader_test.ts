/**
 * The `yaml` package is loaded only when a manifest needs it: plain YAML (what a deploy of most
 * manifests reads) leaves it unloaded, anything beyond the plain subset and the line of a fault's
 * field load it on demand, with the same result as the synchronous readers. Each case runs in a
 * fresh process (`_yaml_reader_probe.ts`), since a process loads the package once.
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { checkManifestSources } from "../../src/manifests/mod.ts";

const PROBE = new URL("./_yaml_reader_probe.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

interface ProbeAnswer {
  loaded: boolean;
  names?: string[];
  data?: unknown[];
  message?: string;
}

async function probe(files: Record<string, string>): Promise<ProbeAnswer> {
  const dir = await Deno.makeTempDir();
  try {
    const paths = [];
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
      paths.push(`${dir}/${name}`);
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "-A", "--config", CONFIG, PROBE, ...paths],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    equal(out.code, 0, new TextDecoder().decode(out.stderr));
    return JSON.parse(text) as ProbeAnswer;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const PLAIN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n";
const TAGGED =
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tagged\ndata: !!map\n  n: !!str 1\n";
const FAULT = [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: web",
  "spec:",
  "  selector: { matchLabels: { app: web } }",
  "  template:",
  "    metadata: { labels: { app: web } }",
  "    spec:",
  "      containers:",
  "        - name: web",
  "          image: nginx",
  "          ports:",
  "            - containerPort: eighty",
  "",
].join("\n");

Deno.test("plain YAML manifests are read without loading the yaml package", async () => {
  const answer = await probe({ "a.yaml": PLAIN });
  deepEqual(answer, { loaded: false, names: ["plain"], data: [{ a: "b" }] });
});

Deno.test("a tagged manifest loads the yaml package on demand and reads as it always did", async () => {
  const answer = await probe({ "a.yaml": PLAIN, "b.yaml": TAGGED });
  deepEqual(answer, {
    loaded: true,
    names: ["plain", "tagged"],
    data: [{ a: "b" }, { n: "1" }],
  });
});

Deno.test("a fault in plain YAML still names its field's line (the yaml package finds it)", async () => {
  const answer = await probe({ "web.yaml": FAULT });
  ok(answer.loaded, "the line of a field comes from the yaml package");
  const message = answer.message ?? "";
  ok(message.includes("web.yaml") && message.includes("line 14"), message);
  ok(message.includes("containerPort"), message);
});

Deno.test("the file readers and the synchronous readers report the same fault", async () => {
  const answer = await probe({ "web.yaml": FAULT });
  const path = /manifest "([^"]*web\.yaml)"/.exec(answer.message ?? "")?.[1] ?? "web.yaml";
  await rejects(
    checkManifestSources([{ name: path, text: FAULT }]),
    (e: Error) => e.message === answer.message,
  );
});
