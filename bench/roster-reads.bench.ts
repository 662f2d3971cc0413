/**
 * Store reads and writes around a national roster (85 regions, 3,000 schools): loading the whole roster and
 * one region's, the supervisor chain of every school, and a status import of one confirmed milestone per
 * school (two import events each) in one transaction.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/db/client.js';
import { loadRegionRoster, loadRoster, supervisorChain } from '../src/db/roster.js';
import { importRoster } from '../src/roster/import.js';
import { loadSchedules } from '../src/schedule/load.js';
import { importStatuses, statusTable } from '../src/tabular/status-import.js';
import { writeNationalRosterCsv } from './fixtures/national-roster.js';
import { peakRssMb, report } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'roster-reads-bench-'));
try {
  const csv = join(dir, 'national-roster.csv');
  await writeNationalRosterCsv(csv, { schools: 3000 });
  const store = openStore(join(dir, 'roadmap.db'));
  const now = DateTime.fromISO('2022-03-15T09:00:00Z');
  await importRoster(store.db, csv, { now });

  let started = performance.now();
  const roster = loadRoster(store);
  report('store.load_roster.national.ms', performance.now() - started, 'ms', '< 200');

  // what a press that tells someone at once (a return, a hand-off) and `/digest` read: the item's region
  const regionIds = roster.regions.map((r) => r.id);
  started = performance.now();
  for (const id of regionIds) loadRegionRoster(store, id);
  report('store.load_region_roster.ms', (performance.now() - started) / regionIds.length, 'ms', '< 10');

  started = performance.now();
  for (const school of roster.schools) supervisorChain(store, { schoolId: school.id });
  report('store.supervisor_chain.per_school.ms', (performance.now() - started) / roster.schools.length, 'ms', '< 5');

  const regionCode = new Map(roster.regions.map((r) => [r.id, r.code]));
  const regionOfMunicipality = new Map(roster.municipalities.map((m) => [m.id, m.regionId]));
  const rows = roster.schools.map(
    (s) => `500plus-saratov-2022;concept-docs;school;${s.code};confirmed;;;${regionCode.get(regionOfMunicipality.get(s.municipalityId) ?? 0) ?? ''}`,
  );
  const text = ['schedule;occurrence;subject type;subject;status;planned date;comment;region', ...rows].join('\n');
  const schedules = loadSchedules('schedules');
  started = performance.now();
  const result = importStatuses(store, statusTable('statuses.csv', text), { schedules, now, dryRun: false });
  report('store.status_import.3000_rows.ms', performance.now() - started, 'ms', '< 3000');
  if (result.changes.length !== roster.schools.length) throw new Error(`changed ${result.changes.length} items`);
  report('store.peak_mb', peakRssMb(), 'MB', '< 300');
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
