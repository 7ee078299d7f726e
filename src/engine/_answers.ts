/**
 * The apply's answers as they arrive: each is compared with what was sent (step 6, verify) at
 * once, and only what readiness reads of it is kept, so a large deploy does not hold every
 * answer whole (`managedFields` included) until the objects are ready.
 */
import type { ResourceAction } from "../deploys/mod.ts";
import { type AppliedDrift, verifyObject } from "../drift/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { answerView } from "../readiness/mod.ts";

/** The verify results of the answers received so far, by resource key. */
export class AnswerChecks {
  readonly #drift = new Map<string, AppliedDrift[]>();
  readonly #verify: boolean;
  readonly #verifyUnchanged: boolean;

  /**
   * @param verify Whether answers are compared at all (not for a dry run).
   * @param verifyUnchanged Whether an object left unchanged is compared with its live state
   * too (a Rollout deploy verifies every planned object; a direct deploy only those it sent).
   */
  constructor(verify: boolean, verifyUnchanged: boolean) {
    this.#verify = verify;
    this.#verifyUnchanged = verifyUnchanged;
  }

  /** `applyGroups`' `keep`: compares the answer with `sent`, then keeps what readiness reads. */
  readonly keep = (sent: KubeObject, answer: KubeObject, action: ResourceAction): KubeObject => {
    if (this.#verify && (action !== "unchanged" || this.#verifyUnchanged)) {
      const drift = verifyObject(sent, answer);
      if (drift.length) this.#drift.set(formatKey(keyOf(sent)), drift);
    }
    return answerView(answer);
  };

  /** The changed fields of `objects`, in their order (as `verifyApplied` lists them). */
  driftOf(objects: readonly KubeObject[]): AppliedDrift[] {
    if (this.#drift.size === 0) return [];
    return objects.flatMap((obj) => this.#drift.get(formatKey(keyOf(obj))) ?? []);
  }
}
