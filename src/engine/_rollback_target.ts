/** Which deploy a rollback goes back to, and the errors a rollback throws. */
import type { DeployRecord } from "../deploys/mod.ts";
import { NopeaError } from "../shared/mod.ts";

const NOT_DONE: Record<DeployRecord["status"], string> = {
  completed: "completed",
  failed: "failed",
  rolledback: "was rolled back",
  progressing: "is still progressing",
  refused: "was refused",
};

/** A rollback's fault: nothing to go back to (`DEPLOY_NOT_FOUND`) or a bad target (`SPEC_INVALID`). */
export function rollbackError(
  code: "DEPLOY_NOT_FOUND" | "SPEC_INVALID",
  message: string,
  hint: string,
) {
  return new NopeaError(code, message, { hint });
}

/** The newest completed deploy of a git commit (`nopea watch` deploys; 7+ hex digits of it). */
function ofCommit(history: readonly DeployRecord[], commit: string): DeployRecord | undefined {
  if (!/^[0-9a-f]{7,40}$/i.test(commit)) return undefined;
  const ofIt = history.filter((r) => r.source?.commit.startsWith(commit.toLowerCase()));
  return ofIt.find((r) => r.status === "completed") ?? ofIt[0];
}

/** The completed deploy to go back to: `to`, else the last completed one before the current. */
export function targetOf(
  history: readonly DeployRecord[],
  service: string,
  to?: string,
): DeployRecord {
  const list = `see "nopea history ${service}"`;
  if (to !== undefined) {
    const named = history.find((r) => r.deployId === to) ?? ofCommit(history, to);
    const what = `Cannot roll back service "${service}" to deploy "${to}"`;
    if (!named) {
      throw rollbackError(
        "DEPLOY_NOT_FOUND",
        `${what}: memory has no such deploy of it`,
        `Pick a deploy id: ${list}`,
      );
    }
    if (named.status !== "completed" || named.operation === "delete") {
      throw rollbackError(
        "SPEC_INVALID",
        `${what}: that deploy ${NOT_DONE[named.status]}, it did not complete`,
        `Pick a completed deploy: ${list}`,
      );
    }
    return named;
  }
  // After a delete, the last completed deploy is what a rollback restores.
  const earlier = history[0]?.operation === "delete" ? history : history.slice(1);
  const good = earlier.find((r) => r.status === "completed" && r.operation !== "delete");
  if (!good) {
    throw rollbackError(
      "DEPLOY_NOT_FOUND",
      `Cannot roll back service "${service}": no earlier completed deploy to roll back to`,
      `Deploy a fixed version instead, or name a deploy with --to (${list})`,
    );
  }
  return good;
}
