import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits on a bot's answer, a worker's send or a drained queue: seconds under a loaded
    // parallel run, not vitest's default of one
    expect: { poll: { timeout: 5_000 } },
  },
});
