/**
 * @module
 * The `nopea` command line: argument parsing, human and JSON rendering, and the
 * one mapping from outcomes to exit codes. It never exits the process itself:
 * `runCli` returns the code and `cli.ts` exits.
 */
export { runCli } from "./run_cli.ts";
export { type BufferedIo, bufferedIo, type CliIo, wantsColor } from "./io.ts";
export { EXIT, exitCodeForError, exitCodeForStatus } from "./exit_code.ts";
export { VERSION } from "./version.ts";
