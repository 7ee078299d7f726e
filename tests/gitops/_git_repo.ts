/** Test helper: a git repository made with isomorphic-git in a temporary folder (no git binary). */
import git from "isomorphic-git";
import fs from "node:fs";

/** A repository the test commits to. */
export interface TestRepo extends AsyncDisposable {
  /** Its folder (a work tree with `.git`). */
  readonly dir: string;
  /** Writes files (path → content; `null` deletes), commits them on `main`, returns the SHA. */
  commit(files: Record<string, string | null>, message?: string): Promise<string>;
}

const AUTHOR = { name: "test", email: "t@nopea.test" };

/** Creates an empty repository with branch `main`. */
export async function createTestRepo(): Promise<TestRepo> {
  const dir = await Deno.makeTempDir({ prefix: "nopea-git-" });
  await git.init({ fs, dir, defaultBranch: "main" });
  return {
    dir,
    async commit(files, message = "change") {
      for (const [filepath, content] of Object.entries(files)) {
        const full = `${dir}/${filepath}`;
        if (content === null) {
          await Deno.remove(full);
          await git.remove({ fs, dir, filepath });
        } else {
          await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
          await Deno.writeTextFile(full, content);
          await git.add({ fs, dir, filepath });
        }
      }
      return await git.commit({ fs, dir, message, author: AUTHOR });
    },
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}
