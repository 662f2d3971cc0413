/**
 * Roster import of a 50 MB CSV (about 150,000 schools): read, check and write into a fresh file database,
 * within 1 GB. The file is generated here, not committed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { openStore } from '../src/db/client.js';
import { importRoster } from '../src/roster/import.js';
import { writeInChild } from './fixtures/roster-files.js';
import { peakRssMb, report } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'roster-input-bench-'));
try {
  const csv = join(dir, 'roster-50mb.csv');
  const schools = writeInChild('csv', csv, 50_000_000);
  const store = openStore(join(dir, 'roadmap.db'));
  const before = peakRssMb();
  const started = performance.now();
  const result = await importRoster(store.db, csv, { now: DateTime.fromISO('2022-02-01T09:00:00Z') });
  const ms = performance.now() - started;
  store.close();
  if (result.size.schools !== schools) throw new Error(`imported ${result.size.schools} schools, expected ${schools}`);
  process.stderr.write(`roster.import.csv_50mb: ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${schools} schools; ${before.toFixed(0)} MB before the import\n`);
  report('roster.import.csv_50mb.ms', ms, 'ms', '< 30000');
  report('roster.import.csv_50mb.peak_mb', peakRssMb(), 'MB', '< 1024');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
