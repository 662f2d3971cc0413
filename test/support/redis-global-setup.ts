/**
 * vitest global setup: one private `redis-server` (no persistence, free port) for the whole run. Tests read
 * its URL with `inject('redisUrl')`, use a unique queue prefix each, and clean up after themselves.
 */
import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../../src/queue/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedisServer({ dataDir: null });
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
