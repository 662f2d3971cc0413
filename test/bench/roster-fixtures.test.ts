import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEMO_ROSTER_PATH, generateDemoRoster } from '../../bench/fixtures/demo-roster.js';
import { generateNationalRoster, writeNationalRosterCsv } from '../../bench/fixtures/national-roster.js';
import { rosterCsv } from '../../bench/fixtures/roster-rows.js';
import { openStore } from '../../src/db/client.js';
import { importRoster } from '../../src/roster/import.js';

describe('generated rosters', () => {
  it('commit the demo roster exactly as its generator writes it', () => {
    expect(readFileSync(DEMO_ROSTER_PATH, 'utf8')).toBe(rosterCsv(generateDemoRoster()));
  });

  it('generate the same national roster for the same options, sized by school count', () => {
    const small = generateNationalRoster({ schools: 300 });
    expect(small).toHaveLength(300);
    expect(generateNationalRoster({ schools: 300 })).toEqual(small);
    expect(new Set(small.map((r) => r.region)).size).toBe(85);
  });

  it('write a national roster that imports cleanly with a curator for every school', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'national-roster-'));
    const store = openStore(':memory:');
    try {
      const path = join(dir, 'national.csv');
      await writeNationalRosterCsv(path, { schools: 300 });
      const result = await importRoster(store.db, path, { now: DateTime.fromISO('2022-02-01T09:00:00Z') });
      expect(result.size).toMatchObject({ regions: 85, schools: 300 });
      expect(store.sqlite.prepare("select count(*) as n from people where role = 'regional'").get()).toEqual({ n: 85 });
      expect(store.sqlite.prepare('select count(*) as n from curator_assignments where until is null').get()).toEqual({ n: 300 });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
