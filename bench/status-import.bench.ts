/**
 * The wide status import of a national monitoring table: 3,000 schools of a generated national roster, one
 * column per tracked item of the federal 2022 roadmap, every cell in words, from an .xlsx into a file database
 * (read, match, check, one transaction writing every transition).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { openStore } from '../src/db/client.js';
import { tableSchools } from '../src/db/status-table.js';
import { importRoster } from '../src/roster/import.js';
import { loadSchedules } from '../src/schedule/load.js';
import { importStatuses, readStatusFile } from '../src/tabular/status-import.js';
import { itemColumns } from '../src/tabular/wide-table.js';
import { writeNationalRosterCsv } from './fixtures/national-roster.js';
import { peakRssMb, report } from './report.js';

const WORDS = ['да', 'в работе', 'обещают 15.06', '', 'ждёт куратора', 'выполнено 28.05', 'не требуется: школа закрыта', '+'];

const dir = mkdtempSync(join(tmpdir(), 'status-bench-'));
try {
  const csv = join(dir, 'national-roster.csv');
  await writeNationalRosterCsv(csv, { schools: 3000 });
  const store = openStore(join(dir, 'roadmap.db'));
  const now = DateTime.fromISO('2022-06-01T09:00:00Z');
  await importRoster(store.db, csv, { now });
  const schedules = loadSchedules('schedules').filter((s) => s.id === '500plus-federal-2022');
  const columns = itemColumns(schedules);

  // the file is streamed out row by row, so building it does not raise the peak the import is measured by
  const xlsx = join(dir, 'monitoring.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Мониторинг');
  sheet.addRow(['Регион', 'Код ОО', 'Наименование ОО', ...columns.map((c) => c.header)]).commit();
  tableSchools(store).forEach((school, i) => {
    sheet.addRow([school.regionName, school.code, school.name, ...columns.map((_, j) => WORDS[(i + j) % WORDS.length] ?? '')]).commit();
  });
  await workbook.commit();
  const setupMb = peakRssMb();

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const table = await readStatusFile(xlsx);
  const read = performance.now() - started;
  const result = importStatuses(store, table, { schedules, now, dryRun: false, source: { file: 'monitoring.xlsx', actor: 'bench' } });
  const ms = performance.now() - started;
  // CPU time, every thread of the process: on a shared, loaded machine the wall clock says more about the others
  const cpu = process.cpuUsage(cpuAtStart);
  store.close();
  if (result.rows !== 3000) throw new Error(`read ${result.rows} school rows, expected 3000`);
  report('status.import.wide.national.ms', ms, 'ms', '< 3000');
  report('status.import.wide.national.read_ms', read, 'ms');
  report('status.import.wide.national.cpu_ms', (cpu.user + cpu.system) / 1000, 'ms');
  report('status.import.wide.national.peak_mb', peakRssMb(), 'MB', '< 300');
  report('status.import.wide.national.setup_peak_mb', setupMb, 'MB');
  report('status.import.wide.national.changes', result.changes.length, 'items');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
