/** Reads a stream of newline-delimited JSON (a watch response body). */

/**
 * Calls `onValue` with each parsed line until the stream ends, `onValue` returns
 * `false` or `signal` aborts (the stream is then cancelled). Blank and unparsable
 * lines are skipped.
 */
export async function readJsonLines(
  stream: ReadableStream<Uint8Array>,
  onValue: (value: unknown) => boolean | void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = stream.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  if (signal?.aborted) stop();
  signal?.addEventListener("abort", stop, { once: true });
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    while (true) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffered.split("\n");
      buffered = done ? "" : lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() === "") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          continue;
        }
        if (onValue(parsed) === false) {
          await reader.cancel().catch(() => {});
          return;
        }
      }
      if (done) return;
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
    reader.releaseLock();
  }
}
