/** Test helpers: files in a fresh temporary folder, removed afterwards; a one-user kubeconfig. */

/** Writes `files` (paths relative to a new temporary folder), runs `body` with the folder. */
export async function withFiles(
  files: Record<string, string>,
  body: (dir: string) => void | Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${name}`.replace(/\/[^/]+$/, ""), { recursive: true });
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A kubeconfig (`k/config`) of one cluster, user and context, and a token file beside it. */
export function single(user: string, cluster = "server: https://k.test"): Record<string, string> {
  return {
    "k/config": `clusters: [{ name: c, cluster: { ${cluster} } }]
users: [{ name: u, user: { ${user} } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
    "k/token.txt": "from-file\n",
  };
}
