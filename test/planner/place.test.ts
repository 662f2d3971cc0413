import { describe, expect, it } from 'vitest';
import type { PlannedNotification } from '../../src/domain/notification.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import type { MilestoneSystem } from '../../src/schedule/types.js';
import { due, milestone, schedule, window } from '../fixtures/schedule-builders.js';
import { status } from './fixtures.js';
import { buildRoster, SARATOV } from './roster-builder.js';

const MEDK: MilestoneSystem = { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' };
const FIS_OKO: MilestoneSystem = { name: 'ФИС ОКО', link: null };

const roster = buildRoster({ regions: [SARATOV] });
const scenario = schedule(
  // as the schedule loader gives them: a milestone's link is its own, else its system's
  milestone('posted', window('2022-05-16', '2022-06-01'), { kind: 'monitoring', confirmBy: 'curator', system: MEDK, link: MEDK.link }),
  milestone('form', due('2022-06-01'), { system: FIS_OKO }),
  milestone('own-link', due('2022-06-01'), { link: 'https://fioco.ru/500plus' }),
  milestone('plain', due('2022-06-01')),
  milestone('expertise', window('2022-05-18', '2022-06-01'), { kind: 'expertise', assignee: 'municipal', system: MEDK, link: MEDK.link }),
);
const statuses = [
  status('posted', 1, 'returned', { comment: 'Нет подписи директора', updatedAt: '2022-05-24T11:00:00+04:00' }),
  status('posted', 2, 'submitted', { updatedAt: '2022-05-23T15:00:00+04:00' }),
];
const items = simulate({ from: '2022-05-16', to: '2022-06-10', schedules: [scenario], roster, statuses, settings: DEFAULT_PLANNER_SETTINGS }).flatMap((d) => d.items);

/** Kind → the place parameters of every notification of the milestone `id` (its grouped ones by title). */
function placesOf(id: string): Map<string, unknown[]> {
  const places = new Map<string, unknown[]>();
  for (const n of items.filter((x: PlannedNotification) => (x.item?.occurrenceKey ?? '') === id || x.params.title === `Этап ${id}`)) {
    const place = [n.params.system, n.params.link, n.params.posts];
    const seen = places.get(n.kind) ?? [];
    if (!seen.some((p) => JSON.stringify(p) === JSON.stringify(place))) seen.push(place);
    places.set(n.kind, seen);
  }
  return places;
}

describe('placeOf: where an item\'s work is done, on its notifications', () => {
  it('gives every message of a posted-and-confirmed item the system, its link and that documents are posted there', () => {
    const places = placesOf('posted');
    const kinds = ['window_open', 'reminder', 'confirm_request', 'confirm_reminder', 'returned', 'returned_reminder', 'overdue'];
    for (const kind of kinds) expect([kind, places.get(kind)]).toEqual([kind, [['ИС МЭДК', 'https://500plus.obrnadzor.gov.ru/', true]]]);
  });

  it('gives an item worked in a system without a link the system alone, not posting documents', () => {
    expect(placesOf('form').get('reminder')).toEqual([['ФИС ОКО', null, false]]);
  });

  it('gives an item with only a link of its own the link, and an item with neither nothing', () => {
    expect(placesOf('own-link').get('reminder')).toEqual([[null, 'https://fioco.ru/500plus', null]]);
    expect(placesOf('plain').get('reminder')).toEqual([[null, null, null]]);
  });

  it('gives a coordinator\'s item over many schools the place too', () => {
    const grouped = items.filter((n) => n.templateId.endsWith('-group') && n.params.title === 'Этап expertise');
    expect(new Set(grouped.map((n) => n.kind))).toEqual(new Set(['window_open', 'reminder', 'overdue', 'overdue_supervisor']));
    expect(new Set(grouped.map((n) => JSON.stringify([n.params.system, n.params.link, n.params.posts])))).toEqual(
      new Set([JSON.stringify(['ИС МЭДК', 'https://500plus.obrnadzor.gov.ru/', false])]),
    );
  });
});
