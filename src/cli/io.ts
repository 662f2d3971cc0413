/** Where a command writes; tests pass their own to capture output. */
export interface Io {
  // callbacks, not methods: commands hand `io.out` on to others (the service's output), unbound
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

/** A command: takes the arguments after its name, returns the exit code (at once, or once its work is done). */
export type Command = (argv: string[], io: Io) => number | Promise<number>;

/** An error that means "the user asked for something wrong": printed without a stack, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}
