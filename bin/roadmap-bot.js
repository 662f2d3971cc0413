#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx roadmap-bot` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
// A command has finished: a connection that never answers (Telegram or Redis gone at stop) must not keep the
// process alive. The timer does not hold the process itself; it only ends one that something else holds.
setTimeout(() => process.exit(), 2_000).unref();
