/**
 * The suite's one polling wait (beside vitest's `expect.poll` for asserted values): it waits for an answer
 * and accepts nothing else. An answer is anything but `undefined`, `null`, `false` and `''`: a probe that
 * reads "the last edit" before any edit exists returns `''`, which must not pass for the edit awaited.
 */
export type Answer<T> = Exclude<T, undefined | null | false | ''>;

const isAnswer = <T>(value: T): value is Answer<T> => value !== undefined && value !== null && value !== false && value !== '';

/**
 * Polls `probe` every `everyMs` until it answers, or fails after `timeoutMs` saying what was awaited.
 * Benches look once a second: a costly probe is work on the event loop that paces the sends measured.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 20): Promise<Answer<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (isAnswer(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
