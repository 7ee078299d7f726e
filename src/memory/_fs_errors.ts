/** The faults and warnings of the file store, worded once. */
import { type Logger, NopeaError } from "../shared/mod.ts";

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `MEMORY_IO`: an operation on the memory directory failed. */
export function memoryIo(dir: string, what: string, cause: unknown): NopeaError {
  return new NopeaError("MEMORY_IO", `Cannot ${what} in "${dir}": ${why(cause)}`, {
    hint:
      "Check that the memory directory is writable and the disk is not full (--memory-dir or NOPEA_MEMORY_DIR)",
    cause,
  });
}

/** `MEMORY_IO` of `checkWritable`: memory could not record, so nothing should be deployed. */
export function notWritable(dir: string, cause: unknown): NopeaError {
  return new NopeaError("MEMORY_IO", `Cannot record to memory at ${dir}: ${why(cause)}`, {
    hint: "Nothing was deployed. Make the directory writable or free disk space, or point " +
      "--memory-dir (NOPEA_MEMORY_DIR) at a writable directory",
    cause,
    details: { dir },
  });
}

/** Warns that one manifest set cannot be read (it is skipped; everything else works). */
export function warnUnreadableSet(log: Logger, path: string, cause: unknown): void {
  log.log(
    "warn",
    `Skipping the manifest set "${path}": it is unreadable, so a rollback to the deploy ` +
      "that applied it cannot re-apply its manifests",
    {
      error: why(cause),
      hint: "Delete the file; the next deploy of those manifests stores them again",
    },
  );
}

/** Warns about a fault that did not stop the operation (the record itself is in the log). */
export function warnFault(log: Logger, message: string, cause: unknown): void {
  log.log("warn", message, { error: why(cause) });
}
