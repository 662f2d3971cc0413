import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { runCaptured } from '../support/run-cli.js';

describe('roadmap-bot db migrate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the database, names the migrations it applied, and then reports it up to date', async () => {
    const env = { DATABASE_PATH: join(dir, 'nested', 'roadmap.db') };
    const first = await runCaptured(['db', 'migrate'], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/applied \d+ migration\(s\):\n {2}0000_init/);
    const store = openStore(env.DATABASE_PATH, { migrate: false });
    expect(store.sqlite.prepare("select count(*) as n from sqlite_master where name = 'item_statuses'").get()).toEqual({ n: 1 });
    store.close();

    const second = await runCaptured(['db', 'migrate'], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/up to date/);
  });

  it('says in one sentence, exit 1, when DATABASE_PATH lies under a file', async () => {
    writeFileSync(join(dir, 'plain-file'), 'not a directory');
    const result = await runCaptured(['db', 'migrate'], { DATABASE_PATH: join(dir, 'plain-file', 'roadmap.db') });
    expect(result.code).toBe(1);
    expect(result.err).toBe(`DATABASE_PATH=${join(dir, 'plain-file', 'roadmap.db')}: cannot open the database: a part of that path is a file, not a directory`);
  });

  it('says in one sentence, exit 1, when DATABASE_PATH names a directory', async () => {
    const result = await runCaptured(['db', 'migrate'], { DATABASE_PATH: dir });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^DATABASE_PATH=${dir}: cannot open the database: `));
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown subcommand with its usage', async () => {
    const result = await runCaptured(['db', 'drop'], { DATABASE_PATH: join(dir, 'x.db') });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Usage: roadmap-bot db migrate/);
  });
});
