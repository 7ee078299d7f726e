/** Recording a deploy: Secret values masked with the store's key, the error classified. */
import type { IdSource } from "../shared/mod.ts";
import { buildOccurrence, type DeployOccurrence } from "../occurrences/mod.ts";
import { classifyError } from "./classify.ts";
import type { DeployRecord } from "../deploys/mod.ts";
import {
  createSecretMasker,
  maskForStore,
  redactValues,
  type SecretMasker,
  secretValuesOf,
} from "../secrets/mod.ts";
import { manifestSetHash } from "./manifest_hash.ts";
import type { MemoryStore } from "./store.ts";
import type { RecordOptions } from "./_memory_types.ts";

/** What recording needs: the store, the occurrence ids and the store's Secret masker. */
export interface RecordDeps {
  store: MemoryStore;
  ids: IdSource;
  secretMasker: () => Promise<SecretMasker>;
}

/** The masker of the store's Secret values, created once (again after a failure). */
export function storeSecretMasker(store: MemoryStore): () => Promise<SecretMasker> {
  // Secret values are masked with the store's own key: a guess cannot be checked without it.
  let masker: Promise<SecretMasker> | undefined;
  const secretMasker = () =>
    masker ??= store.secretKey().then((key) => createSecretMasker({ key }), (error) => {
      masker = undefined;
      throw error;
    });
  return secretMasker;
}

function redactRecord(
  record: DeployRecord,
  secrets: readonly string[],
  masker: SecretMasker,
): DeployRecord {
  if (secrets.length === 0) return record;
  return {
    ...record,
    ...(record.error ? { error: redactValues(record.error, secrets, masker) } : {}),
    resources: record.resources.map((
      r,
    ) => (r.error ? { ...r, error: redactValues(r.error, secrets, masker) } : r)),
    warnings: redactValues(record.warnings, secrets, masker),
  };
}

/** Records a deploy (and its manifests, masked); returns the occurrence appended to the log. */
export async function recordDeploy(
  deps: RecordDeps,
  record: DeployRecord,
  recordOptions: RecordOptions = {},
): Promise<DeployOccurrence> {
  const { store, ids, secretMasker } = deps;
  const secrets = recordOptions.manifests ? secretValuesOf(recordOptions.manifests) : [];
  const keyed = await secretMasker();
  let rec = redactRecord(record, secrets, keyed);
  if (rec.error && rec.error.errorClass === undefined) {
    rec = { ...rec, error: { ...rec.error, errorClass: classifyError(rec.error) } };
  }
  const masked = recordOptions.manifests ? maskForStore(recordOptions.manifests, keyed) : undefined;
  const hash = masked ? manifestSetHash(masked) : undefined;
  if (hash) rec = { ...rec, manifestsHash: hash };
  const occurrence = buildOccurrence(rec, recordOptions.context, { id: ids.next() });
  await store.record(occurrence, masked && hash ? { hash, objects: masked } : undefined);
  return occurrence;
}
