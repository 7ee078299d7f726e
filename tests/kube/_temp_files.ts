/** Test helper: files in a fresh temporary folder, removed afterwards. */

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
