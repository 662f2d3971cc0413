import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io.js';

/**
 * `parseArgs` with its complaints about the command line (unknown option, missing value, stray
 * positional) turned into a `UsageError` followed by the command's usage text; any other error
 * (a mistake in `config` itself) propagates as it is.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${error.message}\n\n${usage}`);
    }
    throw error;
  }
}
