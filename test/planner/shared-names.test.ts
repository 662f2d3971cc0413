import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/delivery/render.js';
import type { PersonRole, Roster } from '../../src/domain/roster.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { due, milestone, schedule } from '../fixtures/schedule-builders.js';
import { buildRoster, SARATOV, SVERDLOVSK } from './roster-builder.js';

const SHARED = 'МОУ «СОШ с. Дмитриевка Озинского района»';

/**
 * Schools 1 and 2 (one municipality, one curator, Saratov) bear one name; school 7 bears it too, but in
 * Sverdlovsk; school 3 (Saratov) has a name of its own.
 */
function rosterWithSharedName(): Roster {
  const roster = buildRoster({ regions: [SARATOV, SVERDLOVSK] });
  roster.schools = roster.schools.map((s) => ([1, 2, 7].includes(s.id) ? { ...s, name: SHARED } : s));
  return roster;
}

/** The lines of every message the people of `role` in a region get between two days, as sent. */
function linesTo(roster: Roster, role: PersonRole, regionId: number, from: string, to: string): string[] {
  const renderer = createRenderer();
  const upload = milestone('upload', due('2022-06-01'));
  const deliveries = simulate({ from, to, schedules: [schedule(upload)], roster, statuses: [], settings: DEFAULT_PLANNER_SETTINGS });
  const people = new Set(roster.people.filter((p) => p.role === role && p.regionId === regionId).map((p) => p.id));
  return deliveries
    .filter((d) => people.has(d.recipientId))
    .flatMap((d) => renderer.renderBundle(d.items, { whole: true }))
    .flatMap((m) => m.text.split('\n'));
}

const SARATOV_ID = 1;
const SVERDLOVSK_ID = 2;

describe('a school name two schools of a region share', () => {
  const roster = rosterWithSharedName();

  it('comes with each school\'s code in the curator\'s item lines; a name of its own comes without', () => {
    const lines = linesTo(roster, 'curator', SARATOV_ID, '2022-06-02', '2022-06-02');
    expect(lines.filter((l) => l.includes('Дмитриевка'))).toEqual([
      `1. ${SHARED} (код S1): по пункту «Этап upload» отметки о выполнении нет. Срок 01.06 прошёл 1 день назад.`,
      `2. ${SHARED} (код S2): по пункту «Этап upload» отметки о выполнении нет. Срок 01.06 прошёл 1 день назад.`,
    ]);
    expect(lines.filter((l) => l.includes('Школа № 3'))).toEqual([expect.stringMatching(/^\d\. Школа № 3: по пункту «Этап upload» отметки/)]);
  });

  it('comes with each school\'s code in the municipal digest\'s most lagging schools', () => {
    // Monday 06.06: the digests of the first municipality (schools 1 and 2) and of the second (3 and 4)
    const lines = linesTo(roster, 'municipal', SARATOV_ID, '2022-06-06', '2022-06-06');
    expect(lines.filter((l) => l.includes('Дмитриевка'))).toEqual([`${SHARED} (код S1) — 1 пункт`, `${SHARED} (код S2) — 1 пункт`]);
    expect(lines.filter((l) => l.startsWith('Школа № 3'))).toEqual(['Школа № 3 — 1 пункт']);
  });

  it('comes without a code where the other school bearing it lies in another region', () => {
    const items = linesTo(roster, 'curator', SVERDLOVSK_ID, '2022-06-02', '2022-06-02');
    expect(items.filter((l) => l.includes('Дмитриевка'))).toEqual([expect.stringContaining(`${SHARED}: по пункту «Этап upload» отметки о выполнении нет.`)]);
    const digest = linesTo(roster, 'municipal', SVERDLOVSK_ID, '2022-06-06', '2022-06-06');
    expect(digest.filter((l) => l.includes('Дмитриевка'))).toEqual([`${SHARED} — 1 пункт`]);
  });
});
