/**
 * Regenerates `src/sandbox/http/vendor/kubernetes/proto.json`: the protobuf descriptor (in
 * protobufjs's JSON form) of the upstream Kubernetes `.proto` files vendored beside it, which
 * the sandbox uses to read and write the `k8s\0` protobuf envelope of built-in kinds.
 * Run: `deno run -A _tools/vendor_kube_proto.ts`.
 */
import protobuf from "protobufjs";

const VENDOR = new URL("../src/sandbox/http/vendor/kubernetes/", import.meta.url);
const PROTO = new URL("proto/", VENDOR);

function protoFiles(dir: URL, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory) {
      out.push(...protoFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`));
    } else if (entry.name.endsWith(".proto")) out.push(`${prefix}${entry.name}`);
  }
  return out;
}

const root = new protobuf.Root();
for (const file of protoFiles(PROTO)) {
  const text = Deno.readTextFileSync(new URL(file, PROTO));
  protobuf.parse(text, root, { keepCase: true, alternateCommentMode: false });
}
root.resolveAll();
const json = JSON.stringify(root.toJSON({ keepComments: false }), null, 2);
Deno.writeTextFileSync(new URL("proto.json", VENDOR), `${json}\n`);
console.log(`proto.json: ${json.length} bytes from ${protoFiles(PROTO).length} files`);
