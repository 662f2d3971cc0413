/**
 * Roster import of a generated national roster (85 regions, 3,000 schools, their curators and
 * coordinators) from CSV into a fresh file database: the whole import, read and check and one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { openStore } from '../src/db/client.js';
import { importRoster } from '../src/roster/import.js';
import { writeNationalRosterCsv } from './fixtures/national-roster.js';
import { peakRssMb, report } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
try {
  const csv = join(dir, 'national-roster.csv');
  await writeNationalRosterCsv(csv, { schools: 3000 });
  const store = openStore(join(dir, 'roadmap.db'));
  const started = performance.now();
  const result = await importRoster(store.db, csv, { now: DateTime.fromISO('2022-02-01T09:00:00Z') });
  const ms = performance.now() - started;
  store.close();
  if (result.size.schools !== 3000) throw new Error(`imported ${result.size.schools} schools, expected 3000`);
  report('roster.import.national.ms', ms, 'ms', '< 5000');
  report('roster.import.national.peak_mb', peakRssMb(), 'MB', '< 300');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
