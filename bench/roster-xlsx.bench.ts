/**
 * Roster import of a 200,000-row xlsx (a national roster of 200,000 schools) within 1 GB, streamed; then a
 * 1,000,000-row sheet, refused at the row limit without reading it all, and a 3 MB file whose shared strings
 * unpack to 755 MB, refused before exceljs keeps them. The files are generated here, in a process of their
 * own, not committed.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { openStore } from '../src/db/client.js';
import { importRoster } from '../src/roster/import.js';
import { RosterError } from '../src/roster/issues.js';
import { writeInChild } from './fixtures/roster-files.js';
import { sharedStringsBomb } from './fixtures/zip.js';
import { peakRssMb, report } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'roster-xlsx-bench-'));
try {
  const xlsx = join(dir, 'roster-200k.xlsx');
  const tall = join(dir, 'tall-1m.xlsx');
  const schools = writeInChild('xlsx', xlsx, 200_000);
  writeInChild('tall', tall, 1_000_000);
  const now = DateTime.fromISO('2022-02-01T09:00:00Z');

  const store = openStore(join(dir, 'roadmap.db'));
  let started = performance.now();
  const result = await importRoster(store.db, xlsx, { now });
  report('roster.import.xlsx_200k.ms', performance.now() - started, 'ms', '< 60000');
  if (result.size.schools !== schools) throw new Error(`imported ${result.size.schools} schools, expected ${schools}`);
  report('roster.import.xlsx_200k.peak_mb', peakRssMb(), 'MB', '< 1024');

  started = performance.now();
  const refused = await importRoster(store.db, tall, { now }).then(
    () => null,
    (error: unknown) => error,
  );
  if (!(refused instanceof RosterError) || !/past the 300,000-row limit/.test(refused.message)) {
    throw new Error(`the 1M-row sheet was not refused at the row limit: ${String(refused)}`);
  }
  report('roster.import.xlsx_1m_rows.refused_ms', performance.now() - started, 'ms', '< 30000');
  report('roster.import.xlsx.peak_mb', peakRssMb(), 'MB', '< 1024');

  const bomb = join(dir, 'bomb.xlsx');
  writeFileSync(bomb, sharedStringsBomb());
  started = performance.now();
  const bombed = await importRoster(store.db, bomb, { now }).then(
    () => null,
    (error: unknown) => error,
  );
  if (!(bombed instanceof RosterError) || !/shared strings .* unpack to more than 128 MB/.test(bombed.message)) {
    throw new Error(`the shared-strings bomb was not refused: ${String(bombed)}`);
  }
  report('roster.import.xlsx_bomb.refused_ms', performance.now() - started, 'ms', '< 5000');
  store.close();
  process.stderr.write(`roster xlsx bench: ${(statSync(xlsx).size / 1e6).toFixed(1)} MB for 200,000 schools, ${(statSync(tall).size / 1e6).toFixed(1)} MB for 1,000,000 rows\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
