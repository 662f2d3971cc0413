import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redis-global-setup.ts'],
    // one file per core, not vitest's default of one fewer (a single worker on a 2-core machine): most of
    // the suite waits on Redis, HTTP and real timers. Files share the one redis-server safely, each test
    // under a queue prefix of its own (the test that counts Redis clients starts its own server).
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits on a bot's answer, a worker's send or a drained queue: seconds under a loaded
    // parallel run, not vitest's default of one
    expect: { poll: { timeout: 5_000 } },
  },
});
