/** What the deploy lock needs from the outside, and what a held lock offers. */
import type { ClusterPort } from "../kube/mod.ts";
import type { Clock, Logger } from "../shared/mod.ts";

/** What the deploy lock needs: the cluster, the time, a logger, and who takes locks. */
export interface LockPorts {
  /** The cluster the Leases live in. */
  cluster: ClusterPort;
  /** The time Leases are taken and renewed at. */
  clock: Clock;
  /** Where renewal and release problems are logged (they never fail a deploy). */
  log: Logger;
  /** The first part of a holder (`<identity>/<deployId>`), e.g. `<hostname>/<pid>`. */
  identity: string;
  /** How long a Lease holds without renewal; renewed every third of it. */
  ttlMs: number;
}

/** A held deploy lock. */
export interface DeployLock {
  /** Who holds it (`<lockIdentity>/<deployId>`); `undefined` when no Lease was taken. */
  readonly holder: string | undefined;
  /** Moves `renewTime` on when more than a third of the duration passed since the last renewal. */
  renew(): Promise<void>;
  /** Deletes the Lease if this deploy still holds it (a precondition on its uid and version). */
  release(): Promise<void>;
}
