import { describe, expect, it } from 'vitest';
import type { PlannedNotification } from '../../src/domain/notification.js';
import type { Person, Roster } from '../../src/domain/roster.js';
import { createRenderer } from '../../src/delivery/render.js';
import { simulate } from '../../src/planner/simulate.js';
import { loadSchedules } from '../../src/schedule/load.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import type { Schedule } from '../../src/schedule/types.js';
import { due, milestone, schedule, WHEN_DEFAULTS, window } from '../fixtures/schedule-builders.js';
import { localTime, run, status } from './fixtures.js';
import { buildRoster, SARATOV, SVERDLOVSK } from './roster-builder.js';

const roster = buildRoster({ regions: [SARATOV, SVERDLOVSK] });
// school 1 is in Saratov (UTC+4), school 7 in Yekaterinburg (UTC+5)
const SAR = 1;
const EKB = 7;

function rep(schoolId: number): Person {
  const p = roster.people.find((x) => x.role === 'school' && x.schoolId === schoolId);
  if (!p) throw new Error(`no representative of school ${schoolId}`);
  return p;
}
function curator(schoolId: number): Person {
  const p = roster.people.find((x) => x.id === roster.curatorBySchool.get(schoolId));
  if (!p) throw new Error(`no curator of school ${schoolId}`);
  return p;
}
function municipal(schoolId: number): Person {
  const school = roster.schools.find((s) => s.id === schoolId);
  const p = roster.people.find((x) => x.role === 'municipal' && x.municipalityId === school?.municipalityId);
  if (!p) throw new Error(`no municipal coordinator of school ${schoolId}`);
  return p;
}
function regional(schoolId: number): Person {
  const p = roster.people.find((x) => x.role === 'regional' && x.regionId === rep(schoolId).regionId);
  if (!p) throw new Error(`no regional coordinator of school ${schoolId}`);
  return p;
}
function to(person: Person, list: PlannedNotification[]): PlannedNotification[] {
  return list.filter((n) => n.recipientId === person.id);
}
function about(schoolId: number, list: PlannedNotification[]): PlannedNotification[] {
  return list.filter((n) => n.item?.subject.type === 'school' && n.item.subject.id === schoolId);
}

/** Every delivery between two days, flattened to its items. */
function deliveredItems(schedules: Schedule[], r: Roster, from: string, toDay: string, statuses = [] as Parameters<typeof simulate>[0]['statuses']): PlannedNotification[] {
  return simulate({ from, to: toDay, schedules, roster: r, statuses, settings: DEFAULT_PLANNER_SETTINGS }).flatMap((d) => d.items);
}

const upload = milestone('upload', due('2022-06-01'));
const confirmed = milestone('stage-1', due('2022-06-01'), { kind: 'monitoring', confirmBy: 'curator' });

describe('plan: window opens', () => {
  const s = schedule(milestone('evidence', window('2022-04-25', '2022-06-01')));

  it('tells each school on the first day of the window, at 09:30 in its own zone', () => {
    const sar = to(rep(SAR), run([s], roster, '2022-04-25T07:00+04:00'));
    const ekb = to(rep(EKB), run([s], roster, '2022-04-25T07:00+05:00'));
    expect(sar.map((n) => [n.kind, n.localDate, localTime(n), n.sendAt])).toEqual([['window_open', '2022-04-25', '09:30', '2022-04-25T05:30:00.000Z']]);
    expect(ekb.map((n) => [n.kind, n.localDate, localTime(n), n.sendAt])).toEqual([['window_open', '2022-04-25', '09:30', '2022-04-25T04:30:00.000Z']]);
    expect(sar[0]?.params).toMatchObject({ title: 'Этап evidence', due: '2022-06-01', start: '2022-04-25' });
  });

  it('opens a window that starts on a day off on the next working day', () => {
    const weekend = schedule(milestone('evidence', window('2022-05-01', '2022-06-01')));
    // 1–3 May 2022 are holidays
    expect(to(rep(SAR), run([weekend], roster, '2022-05-03T07:00+04:00'))).toEqual([]);
    expect(to(rep(SAR), run([weekend], roster, '2022-05-04T07:00+04:00')).map((n) => n.kind)).toEqual(['window_open']);
  });
});

describe('plan: reminders', () => {
  it('reminds 7, 3, 1 days before and on the day, a day off moving to the working day before', () => {
    const items = to(rep(SAR), deliveredItems([schedule(upload)], roster, '2022-05-20', '2022-06-01'));
    // 29.05 (-3) is a Sunday: the reminder goes out on Friday 27.05
    expect(items.map((n) => [n.kind, n.localDate, n.params.timing, n.params.days])).toEqual([
      ['reminder', '2022-05-25', 'ahead', 7],
      ['reminder', '2022-05-27', 'ahead', 5],
      ['reminder', '2022-05-31', 'ahead', 1],
      ['reminder', '2022-06-01', 'today', 0],
    ]);
  });

  it('never moves a deadline on a holiday: 12.06.2022 stays the due date, reminded on Friday 10.06', () => {
    const holiday = schedule(milestone('report', due('2022-06-12')));
    const items = to(rep(SAR), deliveredItems([holiday], roster, '2022-06-09', '2022-06-14'));
    // -3d is Thursday 09.06; -1d (Saturday) and 0d (Sunday) both fall back to Friday 10.06 and merge
    expect(items.map((n) => [n.kind, n.localDate, n.params.due])).toEqual([
      ['reminder', '2022-06-09', '2022-06-12'],
      ['reminder', '2022-06-10', '2022-06-12'],
      ['overdue', '2022-06-14', '2022-06-12'],
    ]);
  });

  it.each(['done', 'not_applicable', 'confirmed'] as const)('stays silent for a %s item', (value) => {
    const planned = run([schedule(upload, confirmed)], roster, '2022-05-31T07:00+04:00', {
      statuses: [status('upload', SAR, value), status('stage-1', SAR, value)],
    });
    expect(about(SAR, planned)).toEqual([]);
    expect(about(SAR + 1, planned).length).toBeGreaterThan(0);
  });

  it('postpones reminders of a snoozed item until the snooze ends, but not its escalation', () => {
    const snoozed = [status('upload', SAR, 'in_progress', { snoozedUntil: '2022-06-01' })];
    expect(about(SAR, run([schedule(upload)], roster, '2022-05-31T07:00+04:00', { statuses: snoozed }))).toEqual([]);
    expect(about(SAR, run([schedule(upload)], roster, '2022-06-01T07:00+04:00', { statuses: snoozed })).map((n) => n.kind)).toEqual(['reminder']);
    expect(to(rep(SAR), run([schedule(upload)], roster, '2022-06-02T07:00+04:00', { statuses: snoozed })).map((n) => n.kind)).toEqual(['overdue']);
  });

  it('lets a policy override the reminder offsets', () => {
    const custom = schedule(milestone('upload', due('2022-06-01'), { policy: { reminders: ['-2d'] } }));
    const items = to(rep(SAR), deliveredItems([custom], roster, '2022-05-20', '2022-06-01'));
    expect(items.map((n) => n.localDate)).toEqual(['2022-05-30']);
  });
});

describe('plan: confirmation by the curator', () => {
  const submitted = [status('stage-1', SAR, 'submitted', { updatedAt: '2022-05-20T12:00:00+04:00' })];

  it('nudges the curator instead of the school once the school has submitted', () => {
    const items = deliveredItems([schedule(confirmed)], roster, '2022-05-23', '2022-06-01', submitted);
    expect(to(rep(SAR), items)).toEqual([]);
    const nudges = to(curator(SAR), items).filter((n) => n.item?.subject.id === SAR);
    expect(nudges.map((n) => [n.kind, n.localDate])).toEqual([
      ['confirm_reminder', '2022-05-25'],
      ['confirm_reminder', '2022-05-27'],
      ['confirm_reminder', '2022-05-31'],
      ['confirm_reminder', '2022-06-01'],
    ]);
    expect(nudges[0]?.buttons.map((b) => b.action)).toEqual(['confirm', 'return']);
    expect(nudges[0]?.params).toMatchObject({ subject: 'Школа № 1', due: '2022-06-01' });
  });

  it('asks the curator to confirm in their next morning message after a submission', () => {
    const fresh = [status('stage-1', SAR, 'submitted', { updatedAt: '2022-05-23T15:00:00+04:00' })];
    const planned = to(curator(SAR), run([schedule(confirmed)], roster, '2022-05-23T16:00+04:00', { statuses: fresh, horizonDays: 1 }));
    expect(planned.map((n) => [n.kind, n.localDate, localTime(n)])).toEqual([['confirm_request', '2022-05-23', '16:00']]);
  });

  it('asks for confirmation of a submission made weeks before the due date', () => {
    const early = [status('stage-1', SAR, 'submitted', { updatedAt: '2022-05-11T15:00:00+04:00' })];
    const planned = to(curator(SAR), run([schedule(confirmed)], roster, '2022-05-11T15:30+04:00', { statuses: early }));
    expect(planned.map((n) => [n.kind, n.localDate, localTime(n)])).toEqual([['confirm_request', '2022-05-11', '15:30']]);
  });

  describe('a submission near the deadline is handed to the curator the same day', () => {
    const at = (updatedAt: string, extra = {}) => [status('stage-1', SAR, 'submitted', { updatedAt, ...extra })];
    const handoffs = (now: string, statuses: ReturnType<typeof at>, handoffSlots: string[] = []) =>
      to(curator(SAR), run([schedule(confirmed)], roster, now, { statuses, handoffSlots })).map((n) => [n.kind, n.bundleKey, n.localDate, localTime(n)]);
    const cur = () => curator(SAR).id;

    it('at once, in the slot\'s own message, on the due date', () => {
      expect(handoffs('2022-06-01T10:00+04:00', at('2022-06-01T10:00:00+04:00'))).toEqual([
        ['confirm_handoff', `${cur()}@2022-06-01/handoff-1000`, '2022-06-01', '10:00'],
      ]);
    });

    it('at the next slot\'s start when the slot\'s message exists, so schools within 30 minutes make one message', () => {
      expect(handoffs('2022-06-01T10:20+04:00', at('2022-06-01T10:20:00+04:00'), [`${cur()}@2022-06-01/handoff-1000`])).toEqual([
        ['confirm_handoff', `${cur()}@2022-06-01/handoff-1030`, '2022-06-01', '10:30'],
      ]);
    });

    it('at the window\'s opening on the next working day after an evening submission on the working day before', () => {
      expect(handoffs('2022-05-31T21:00+04:00', at('2022-05-31T21:00:00+04:00'))).toEqual([
        ['confirm_handoff', `${cur()}@2022-06-01/handoff-0900`, '2022-06-01', '09:00'],
      ]);
    });

    it('after a return, whatever the date', () => {
      expect(handoffs('2022-05-23T11:00+04:00', at('2022-05-23T11:00:00+04:00', { resubmitted: true }))).toEqual([
        ['confirm_handoff', `${cur()}@2022-05-23/handoff-1100`, '2022-05-23', '11:00'],
      ]);
    });

    it('but an earlier submission waits for the next morning\'s message', () => {
      expect(handoffs('2022-05-20T10:00+04:00', at('2022-05-20T10:00:00+04:00'), []).map(([kind]) => kind)).toEqual(['confirm_request']);
    });

    it('and the next morning\'s message does not speak of the item again', () => {
      // the passes of 01.06 (from 06:00) find the evening's submission; 01.06 is also a reminder day
      const items = deliveredItems([schedule(confirmed)], roster, '2022-06-01', '2022-06-01', at('2022-05-31T21:00:00+04:00'));
      expect(about(SAR, to(curator(SAR), items)).map((n) => [n.kind, n.bundleKey, localTime(n)])).toEqual([
        ['confirm_handoff', `${cur()}@2022-06-01/handoff-0900`, '09:00'],
      ]);
    });
  });

  it('escalates an unconfirmed submission to the curator, not the school, after the due date', () => {
    const planned = run([schedule(confirmed)], roster, '2022-06-02T07:00+04:00', { statuses: submitted });
    expect(to(rep(SAR), planned)).toEqual([]);
    expect(about(SAR, to(curator(SAR), planned)).map((n) => [n.kind, n.params.status])).toEqual([['overdue_supervisor', 'submitted']]);
  });
});

describe('plan: returned items', () => {
  const returned = [status('stage-1', SAR, 'returned', { comment: 'Нет подписи директора', updatedAt: '2022-05-24T11:00:00+04:00' })];

  it('tells the school at once with the comment, outside its morning bundle', () => {
    const planned = to(rep(SAR), run([schedule(confirmed)], roster, '2022-05-24T11:01+04:00', { statuses: returned }));
    expect(planned.map((n) => [n.kind, localTime(n), n.params.comment])).toEqual([['returned', '11:01', 'Нет подписи директора']]);
    expect(planned[0]?.bundleKey).not.toBe(`${rep(SAR).id}@2022-05-24`);
  });

  it('puts a return made at night into the school\'s next morning bundle, not a message of its own', () => {
    const late = [status('stage-1', SAR, 'returned', { comment: 'Нет печати', updatedAt: '2022-05-27T22:30:00+04:00' })];
    const planned = to(rep(SAR), run([schedule(confirmed)], roster, '2022-05-27T22:31+04:00', { statuses: late }));
    expect(planned.map((n) => [n.kind, n.localDate, localTime(n), n.bundleKey])).toEqual([['returned', '2022-05-30', '09:30', `${rep(SAR).id}@2022-05-30`]]);
  });

  it('tells a return imported after its day by the morning reminder, which carries the comment', () => {
    const old = [status('stage-1', SAR, 'returned', { comment: 'Нет печати', updatedAt: '2022-05-26T12:00:00+04:00' })];
    const planned = to(rep(SAR), run([schedule(confirmed)], roster, '2022-05-27T07:00+04:00', { statuses: old }));
    expect(planned.map((n) => [n.kind, n.localDate, localTime(n), n.params.comment])).toEqual([['returned_reminder', '2022-05-27', '09:30', 'Нет печати']]);
  });

  it('reminds the school every working day until it resubmits', () => {
    const items = to(rep(SAR), deliveredItems([schedule(confirmed)], roster, '2022-05-24', '2022-05-31', returned));
    expect(items.map((n) => [n.kind, n.localDate])).toEqual([
      ['returned', '2022-05-24'],
      ['returned_reminder', '2022-05-25'],
      ['returned_reminder', '2022-05-26'],
      ['returned_reminder', '2022-05-27'],
      ['returned_reminder', '2022-05-30'],
      ['returned_reminder', '2022-05-31'],
    ]);
  });

  it('reminds of a return weeks before the deadline the next day, then weekly, then every working day of its last week', () => {
    const early = [status('stage-1', SAR, 'returned', { comment: 'Нет подписи директора', updatedAt: '2022-04-20T11:00:00+04:00' })];
    const items = to(rep(SAR), deliveredItems([schedule(confirmed)], roster, '2022-04-20', '2022-06-01', early));
    expect(items.filter((n) => n.kind === 'returned_reminder').map((n) => n.localDate)).toEqual([
      '2022-04-21',
      '2022-04-27',
      '2022-05-04',
      '2022-05-11',
      '2022-05-18',
      '2022-05-25',
      '2022-05-26',
      '2022-05-27',
      '2022-05-30',
      '2022-05-31',
      '2022-06-01',
    ]);
  });

  it('stops the daily reminder at the deadline; after it the capped ladder chases the returned item', () => {
    const items = to(rep(SAR), deliveredItems([schedule(confirmed)], roster, '2022-05-24', '2022-07-29', returned));
    const daily = items.filter((n) => n.kind === 'returned_reminder').map((n) => n.localDate);
    expect(daily[daily.length - 1]).toBe('2022-06-01');
    expect(items.filter((n) => n.localDate > '2022-06-01').map((n) => [n.kind, n.localDate])).toEqual([['overdue', '2022-06-02']]);
  });
});

describe('plan: escalation ladder', () => {
  const items = deliveredItems([schedule(upload)], roster, '2022-06-02', '2022-07-05');

  it('tells the school and its curator one working day after the due date', () => {
    expect(about(SAR, to(rep(SAR), items)).filter((n) => n.kind === 'overdue').map((n) => n.localDate)).toEqual(['2022-06-02']);
    expect(about(SAR, to(curator(SAR), items)).map((n) => [n.kind, n.localDate])).toEqual([['overdue_supervisor', '2022-06-02']]);
  });

  it('prompts the municipal coordinator about each lagging school after two working days', () => {
    const prompts = to(municipal(SAR), items).filter((n) => n.kind === 'status_prompt');
    expect(prompts.map((n) => [n.item?.subject.id, n.localDate])).toEqual([
      [1, '2022-06-03'],
      [2, '2022-06-03'],
    ]);
    expect(prompts[0]?.buttons.map((b) => b.action)).toEqual(['done', 'in_progress_until', 'problem', 'remind_curator']);
    expect(prompts[0]?.params).toMatchObject({ curator: curator(SAR).fullName, status: 'pending' });
  });

  it('feeds the listing rungs into the weekly regional digest, never a message of their own, while within its look-back', () => {
    // the rungs fall on 08.06, 14.06, 17.06, 22.06; digests go out on Mondays (13.06 is off: Tuesday 14.06)
    const digests = to(regional(SAR), items).filter((n) => n.kind === 'digest_regional');
    expect(digests.map((n) => n.localDate)).toEqual(['2022-06-06', '2022-06-14', '2022-06-20', '2022-06-27', '2022-07-04']);
    const lagging = digests.filter((n) => JSON.stringify(n.params.top).includes('RU-SAR район 1')).map((n) => n.localDate);
    // 30 days after 01.06 the item is no longer in the digest (the XLSX still has it)
    expect(lagging).toEqual(['2022-06-06', '2022-06-14', '2022-06-20', '2022-06-27']);
  });

  it('lists a lagging school in the regional digest by its status alone: a milestone with no ladder at all lags there the same', () => {
    const noLadder = milestone('upload', due('2022-06-01'), { policy: { escalation: [], maxRepeats: 0 } });
    const lagging = (s: Schedule) =>
      to(regional(SAR), deliveredItems([s], roster, '2022-06-02', '2022-07-05'))
        .filter((n) => n.kind === 'digest_regional' && JSON.stringify(n.params.top).includes('RU-SAR район 1'))
        .map((n) => n.localDate);
    expect(lagging(schedule(noLadder))).toEqual(['2022-06-06', '2022-06-14', '2022-06-20', '2022-06-27']);
    expect(lagging(schedule(noLadder))).toEqual(lagging(schedule(upload)));
  });

  it('runs the same ladder in Yekaterinburg on its own local days', () => {
    expect(to(municipal(EKB), items).filter((n) => n.kind === 'status_prompt').map((n) => [n.localDate, localTime(n)])).toEqual([
      ['2022-06-03', '09:30'],
      ['2022-06-03', '09:30'],
    ]);
  });
});

describe('plan: what reaches the regional coordinator', () => {
  // a curator's own paperwork and a curator's own visits: two roles below the regional coordinator
  const payment = milestone('payment', due('2022-06-10'), { kind: 'payment', scope: 'curator', assignee: 'curator', indicator: 'Закрывающие документы сданы' });
  const visit = milestone('visit', due('2022-06-01'), { kind: 'visit', assignee: 'curator' });
  const own = milestone('own-report', due('2022-06-17'), { scope: 'region', assignee: 'regional' });
  const items = deliveredItems([schedule(payment, visit, own)], roster, '2022-05-30', '2022-06-30');
  const curatorOf = curator(SAR);
  const ofMilestone = (id: string, list: PlannedNotification[]) => list.filter((n) => n.dedupeKey.startsWith(`test-2022/${id}/`));

  it('reminds the curator of a payment and tells the municipal coordinator nothing of it', () => {
    expect(ofMilestone('payment', to(curatorOf, items)).map((n) => [n.kind, n.localDate])).toEqual([
      ['reminder', '2022-06-07'],
      ['reminder', '2022-06-10'],
      ['overdue', '2022-06-14'],
    ]);
    expect(ofMilestone('payment', to(municipal(SAR), items))).toEqual([]);
  });

  it('tells the curator to hand in the closing documents of a payment by its date, and once late, as soon as they can', () => {
    const renderer = createRenderer();
    expect(ofMilestone('payment', to(curatorOf, items)).map((n) => renderer.renderText(n))).toEqual([
      'Сдайте закрывающие документы по пункту «Этап payment» до 10.06. Осталось 3 дня.',
      'Сегодня последний день: сдайте закрывающие документы по пункту «Этап payment» до конца дня 10.06.',
      'Срок сдачи закрывающих документов по пункту «Этап payment» — 10 июня — прошёл 4 дня назад. Сдайте их как можно скорее; если работа идёт, отметьте «В работе»; если нужна помощь — скажите.',
    ]);
    expect(ofMilestone('payment', to(curatorOf, items))[0]?.buttons.map((b) => b.action)).toEqual(['closing_docs', 'in_progress', 'help']);
  });

  it('asks the regional coordinator nothing about curators\' payments or visits school by school: their weekly digest counts what lags', () => {
    const mine = to(regional(SAR), items);
    expect(mine.filter((n) => n.kind !== 'digest_regional' && n.item?.occurrenceKey !== 'own-report')).toEqual([]);
    const digest = mine.find((n) => n.kind === 'digest_regional' && n.localDate === '2022-06-20');
    const lines = Array.isArray(digest?.params.lines) ? digest.params.lines : [];
    // three curators in Saratov (two schools each), all of them late with their closing documents
    expect(lines).toContainEqual(expect.objectContaining({ indicator: 'Закрывающие документы сданы', done: 0, total: 3, lagging: 3 }));
    expect(lines).toContainEqual(expect.objectContaining({ indicator: 'Этап visit', lagging: 6 }));
  });

  it('still has the municipal coordinator asked about a curator\'s overdue visit', () => {
    expect(ofMilestone('visit', to(municipal(SAR), items)).map((n) => [n.kind, n.item?.subject.id, n.localDate])).toEqual([
      ['overdue_supervisor', 1, '2022-06-02'],
      ['overdue_supervisor', 2, '2022-06-02'],
    ]);
  });

  it('reminds a coordinator of their own deadline a week ahead and on the day, not on the days between', () => {
    expect(ofMilestone('own-report', to(regional(SAR), items)).map((n) => [n.kind, n.localDate])).toEqual([
      ['reminder', '2022-06-10'],
      ['reminder', '2022-06-17'],
      ['overdue', '2022-06-20'],
    ]);
  });

  it('keeps the reminders a coordinator\'s milestone sets itself', () => {
    const set = milestone('own-report', due('2022-06-17'), { scope: 'region', assignee: 'regional', policy: { reminders: ['-3d', '-1d'] } });
    const reminders = ofMilestone('own-report', to(regional(SAR), deliveredItems([schedule(set)], roster, '2022-06-06', '2022-06-17')));
    expect(reminders.map((n) => n.localDate)).toEqual(['2022-06-14', '2022-06-16']);
  });
});

describe('plan: buttons on escalations', () => {
  const visit = milestone('visit', due('2022-06-01'), { kind: 'visit', assignee: 'curator' });
  const municipalPlan = milestone('municipal-plan', due('2022-06-01'), { scope: 'municipality', assignee: 'municipal' });
  const own = milestone('own-report', due('2022-06-17'), { scope: 'region', assignee: 'regional' });
  const waiting = [status('stage-1', SAR, 'submitted', { updatedAt: '2022-05-20T10:00:00Z' })];
  const items = deliveredItems([schedule(confirmed, upload, visit, municipalPlan, own)], roster, '2022-05-30', '2022-06-20', waiting);
  const ofMilestone = (id: string, list: PlannedNotification[]) => list.filter((n) => n.dedupeKey.startsWith(`test-2022/${id}/`));
  const actions = (n: PlannedNotification | undefined) => n?.buttons.map((b) => b.action);

  it('asks the municipal coordinator about documents waiting for the curator with «Напомнить куратору», never «Сделано»', () => {
    const prompts = ofMilestone('stage-1', to(municipal(SAR), items)).filter((n) => n.kind === 'status_prompt');
    expect(prompts.map((n) => [n.item?.subject.id, n.params.status, actions(n)])).toEqual([
      [SAR, 'submitted', ['remind_curator', 'problem']],
      [2, 'pending', ['done', 'in_progress_until', 'problem', 'remind_curator']],
    ]);
  });

  it('gives the curator told of a late school «Напомнить школе»', () => {
    const told = about(SAR, ofMilestone('upload', to(curator(SAR), items))).filter((n) => n.kind === 'overdue_supervisor');
    expect(told.map((n) => [n.localDate, actions(n)])).toEqual([['2022-06-02', ['remind_school']]]);
  });

  it('gives the municipal coordinator told of a curator\'s late visit «Напомнить куратору»', () => {
    const told = about(SAR, ofMilestone('visit', to(municipal(SAR), items)));
    expect(told.map((n) => [n.kind, actions(n)])).toEqual([['overdue_supervisor', ['remind_curator']]]);
  });

  it('tells the regional coordinator of a late municipality only in the weekly digest', () => {
    expect(ofMilestone('municipal-plan', to(regional(SAR), items))).toEqual([]);
    const digest = to(regional(SAR), items).find((n) => n.kind === 'digest_regional' && n.localDate === '2022-06-06');
    const lines = Array.isArray(digest?.params.lines) ? digest.params.lines : [];
    expect(lines).toContainEqual(expect.objectContaining({ indicator: 'Этап municipal-plan', done: 0, total: 3, lagging: 3 }));
  });

  it('offers no «Нужна помощь» on the regional coordinator\'s own items: nobody above them is in the bot', () => {
    const reminders = ofMilestone('own-report', to(regional(SAR), items)).filter((n) => n.kind === 'reminder');
    expect(reminders.map((n) => actions(n))).toEqual([['done', 'in_progress'], ['done', 'in_progress']]);
    expect(actions(ofMilestone('upload', to(rep(SAR), items)).find((n) => n.kind === 'overdue'))).toEqual(['done', 'in_progress', 'help']);
  });
});

describe('plan: promised dates', () => {
  const promised = [status('upload', SAR, 'in_progress', { plannedDate: '2022-06-10' })];
  const items = deliveredItems([schedule(upload)], roster, '2022-06-02', '2022-06-20', promised);

  it('reminds the school the working day before its promised date', () => {
    expect(to(rep(SAR), items).filter((n) => n.kind === 'promise_reminder').map((n) => n.localDate)).toEqual(['2022-06-09']);
  });

  it('holds the ladder until the promise and escalates on the working day after a missed one', () => {
    const ladder = about(SAR, items).filter((n) => n.kind === 'overdue' || n.kind === 'status_prompt').map((n) => [n.kind, n.localDate]);
    // esc1 (02.06) and esc2 (03.06) fall before the promise: held. The promise (10.06) is missed: the next
    // rung (the digest listing, due 08.06 but held) is due on 14.06, the first working day after 10.06: the
    // weekly digest of that day counts the school
    expect(ladder).toEqual([]);
    const digest = to(regional(SAR), items).find((n) => n.kind === 'digest_regional' && n.localDate === '2022-06-14');
    expect(JSON.stringify(digest?.params.top)).toContain('RU-SAR район 1');
  });
});

describe('plan: events', () => {
  const vks = milestone('vks', due('2022-05-31'), { kind: 'meeting', scope: 'region', assignee: 'regional', attendees: ['regional', 'municipal'], at: '10:00', link: 'https://vks.example.ru/500' });

  it('tells attendees on the morning of the meeting, with the start in their zone and the link', () => {
    const planned = run([schedule(vks)], roster, '2022-05-31T06:00+04:00');
    const sar = to(regional(SAR), planned);
    expect(sar.map((n) => [n.kind, n.params.time, n.params.link, localTime(n)])).toEqual([['event', '11:00', 'https://vks.example.ru/500', '09:00']]);
    const ekb = to(regional(EKB), run([schedule(vks)], roster, '2022-05-31T06:00+05:00'));
    expect(ekb.map((n) => n.params.time)).toEqual(['12:00']);
    expect(to(municipal(SAR), planned).map((n) => n.kind)).toEqual(['event']);
    expect(to(rep(SAR), planned)).toEqual([]);
  });

  it('tells a single meeting the working day before and on its morning, only to the roles that attend', () => {
    const told = deliveredItems([schedule(vks)], roster, '2022-05-23', '2022-06-03');
    expect(to(regional(SAR), told).filter((n) => n.kind === 'event').map((n) => [n.templateId, n.localDate, n.params.tomorrow])).toEqual([
      ['event-eve', '2022-05-30', true],
      ['event', '2022-05-31', false],
    ]);
    expect(to(curator(SAR), told)).toEqual([]);
    expect(to(rep(SAR), told)).toEqual([]);
  });

  it('announces a weekly meeting once, in the first bundle of its week, and skips a date that is a day off', () => {
    const weekly = milestone('webinar', { ...WHEN_DEFAULTS, kind: 'recurring', recurrence: { freq: 'weekly', weekdays: [2], ranges: [{ start: '2022-03-01', end: '2022-03-22' }] } }, {
      kind: 'meeting',
      scope: 'school',
      attendees: ['school', 'curator'],
      at: '15:00',
      track: 'attendance',
    });
    const told = to(rep(SAR), deliveredItems([schedule(weekly)], roster, '2022-02-28', '2022-03-25'));
    // 08.03 is a holiday: no webinar, no notice; 07.03 was moved to a day off as well in 2022
    expect(told.map((n) => [n.templateId, n.localDate, n.params.date])).toEqual([
      ['event-week', '2022-02-28', '2022-03-01'],
      ['event-week', '2022-03-14', '2022-03-15'],
      ['event-week', '2022-03-21', '2022-03-22'],
    ]);
  });

  it('tells an event over several days once, on its first day, with both ends', () => {
    const seminar = milestone('seminar', window('2022-02-07', '2022-02-14'), { kind: 'meeting', scope: 'region', assignee: 'regional', track: 'attendance' });
    const told = to(regional(SAR), deliveredItems([schedule(seminar)], roster, '2022-02-01', '2022-02-18')).filter((n) => n.kind === 'event');
    expect(told.map((n) => [n.templateId, n.localDate, n.params.date, n.params.end])).toEqual([['event-month', '2022-02-07', '2022-02-07', '2022-02-14']]);
  });

  it('sends the whole bundle at 08:30 on a morning-meeting day when the window allows', () => {
    const early = buildRoster({ regions: [SARATOV], preferences: { windowStart: '08:00', windowEnd: '20:00', digestDay: 1 } });
    const planned = run([schedule(vks, upload)], early, '2022-05-31T06:00+04:00');
    const coordinator = early.people.find((p) => p.role === 'regional');
    const mine = planned.filter((n) => n.recipientId === coordinator?.id);
    expect(mine.map((n) => localTime(n))).toEqual(['08:30']);
    const school = planned.filter((n) => n.recipientRole === 'school');
    expect(new Set(school.map((n) => localTime(n)))).toEqual(new Set(['09:30']));
  });
});

describe('plan: digests', () => {
  const statuses = [status('upload', 1, 'done'), status('upload', 2, 'done'), status('upload', 3, 'done'), status('upload', 5, 'not_applicable')];

  it('gives the regional coordinator a Monday digest: a line per indicator with its count, share and week, then the municipalities that lag most', () => {
    // two schools finished within the week before 06.06, one a month earlier
    const thisWeek = [status('upload', 1, 'done', { updatedAt: '2022-06-02T10:00:00Z' }), status('upload', 2, 'done', { updatedAt: '2022-06-03T10:00:00Z' }), ...statuses.slice(2)];
    const planned = run([schedule(upload)], roster, '2022-06-06T07:00+04:00', { statuses: thisWeek });
    const digest = to(regional(SAR), planned).find((n) => n.kind === 'digest_regional');
    expect(digest?.localDate).toBe('2022-06-06');
    expect(digest?.params).toMatchObject({
      lines: [{ indicator: 'Этап upload', due: '2022-06-01', done: 3, total: 5, percent: 60, week: 2, lagging: 2 }],
      more: 0,
      top: [
        { name: 'RU-SAR район 2', items: 1, schools: 1 },
        { name: 'RU-SAR район 3', items: 1, schools: 1 },
      ],
      laggingItems: 2,
      laggingSubjects: 2,
    });
    expect(digest?.buttons.map((b) => b.action)).toEqual(['lagging_by_municipality', 'export_xlsx', 'progress_chart']);
  });

  it('counts «за неделю» by the local day each item became done, not by its last change', () => {
    const week = (list: ReturnType<typeof status>[]) => {
      const digest = to(regional(SAR), run([schedule(upload)], roster, '2022-06-06T07:00+04:00', { statuses: list })).find((n) => n.kind === 'digest_regional');
      const lines = Array.isArray(digest?.params.lines) ? digest.params.lines : [];
      return lines.map((l) => (l !== null && typeof l === 'object' && !Array.isArray(l) ? l.week : null));
    };
    expect(week([
      // both imported yesterday: one as done on 10.05 (old work, no news of this week), one as done on 02.06
      status('upload', 1, 'done', { updatedAt: '2022-06-05T10:00:00Z', doneOn: '2022-05-10' }),
      status('upload', 2, 'done', { updatedAt: '2022-06-05T10:00:00Z', doneOn: '2022-06-02' }),
    ])).toEqual([1]);
    expect(week([
      // pressed at 01:00 on 31.05 in Saratov, still 30.05 in UTC: within the seven days after 30.05
      status('upload', 3, 'done', { updatedAt: '2022-05-30T21:00:00Z' }),
      // pressed on 30.05 itself: a week before the digest
      status('upload', 4, 'done', { updatedAt: '2022-05-30T10:00:00Z' }),
    ])).toEqual([1]);
  });

  it('gives each municipal coordinator a weekly digest of their own schools, naming the schools that lag', () => {
    const planned = run([schedule(upload)], roster, '2022-06-06T07:00+04:00', { statuses });
    const digest = to(municipal(3), planned).find((n) => n.kind === 'digest_municipal');
    expect(digest?.params).toMatchObject({ municipality: 'RU-SAR район 2', lines: [{ done: 1, total: 2, percent: 50 }], top: [{ name: 'Школа № 4', items: 1, schools: 0 }] });
    expect(digest?.buttons.map((b) => b.action)).toEqual(['lagging_schools', 'export_xlsx']);
  });

  it('shows an indicator from a week before its deadline, and after it only while it lags', () => {
    const allDone = [1, 2, 3, 4, 5, 6].map((id) => status('upload', id, 'done'));
    const line = (now: string, list = statuses) => to(regional(SAR), run([schedule(upload)], roster, now, { statuses: list })).find((n) => n.kind === 'digest_regional')?.params.lines;
    expect(line('2022-05-23T07:00+04:00')).toEqual([]);
    expect(line('2022-05-30T07:00+04:00')).toMatchObject([{ indicator: 'Этап upload' }]);
    expect(line('2022-06-20T07:00+04:00')).toMatchObject([{ indicator: 'Этап upload' }]);
    expect(line('2022-06-20T07:00+04:00', allDone)).toEqual([]);
  });

  it('moves the weekly digest off a Monday holiday to Tuesday', () => {
    // 13.06.2022 is a holiday
    const monday = to(regional(SAR), run([schedule(upload)], roster, '2022-06-13T07:00+04:00', { statuses }));
    const tuesday = to(regional(SAR), run([schedule(upload)], roster, '2022-06-14T07:00+04:00', { statuses }));
    expect(monday).toEqual([]);
    expect(tuesday.map((n) => n.kind)).toContain('digest_regional');
  });

  it('says since when nothing lags when no deadline is near and none within the look-back lags: older lags are not «nobody»', () => {
    // 01.06 lies 40 days back on 11.07, past the 30-day look-back: 3 schools still lag there, only not in the lines
    const digest = run([schedule(upload)], roster, '2022-07-11T07:00+04:00').find((n) => n.kind === 'digest_regional' && n.recipientId === regional(SAR).id);
    expect(digest?.params.lines).toEqual([]);
    expect(createRenderer().renderText(digest!)).toContain('\n\nНа этой неделе сроков нет, и по срокам с 11 июня никто не отстаёт.');
  });

  it('lists the people the bot cannot reach', () => {
    const withLost: Roster = { ...roster, people: roster.people.map((p) => (p.id === rep(4).id ? { ...p, state: 'unreachable' as const } : p)) };
    const digest = run([schedule(upload)], withLost, '2022-06-06T07:00+04:00').find((n) => n.kind === 'digest_regional' && n.recipientId === regional(SAR).id);
    expect(digest?.params.unreachable).toEqual([{ name: rep(4).fullName, role: 'school' }]);
  });
});

describe('plan: one scheduled message per person per day', () => {
  it('moves items for a day whose bundle has gone out to the next working day', () => {
    const key = `${rep(SAR).id}@2022-05-27`;
    const planned = to(rep(SAR), run([schedule(upload)], roster, '2022-05-27T12:00+04:00', { sentBundles: [key] }));
    expect(planned.map((n) => [n.kind, n.bundleKey, localTime(n)])).toEqual([['reminder', `${rep(SAR).id}@2022-05-30`, '09:30']]);
  });

  it('sends at once, in the window, a first bundle planned after the send time', () => {
    const planned = to(rep(SAR), run([schedule(upload)], roster, '2022-05-27T12:00+04:00'));
    expect(planned.map((n) => [n.localDate, localTime(n)])).toEqual([['2022-05-27', '12:00']]);
  });

  it('does not plan what is already planned', () => {
    const first = run([schedule(upload)], roster, '2022-05-27T07:00+04:00');
    expect(run([schedule(upload)], roster, '2022-05-27T08:00+04:00', { dedupeKeys: first.map((n) => n.dedupeKey) })).toEqual([]);
  });

  it('plans nothing on a holiday', () => {
    expect(run([schedule(upload)], roster, '2022-06-13T07:00+04:00', { horizonDays: 0 })).toEqual([]);
  });
});

describe('plan: scope and roster', () => {
  it('resolves the assignee per school: a curator-assigned school item goes to that school\'s curator', () => {
    const visit = milestone('visit', due('2022-06-01'), { kind: 'visit', assignee: 'curator' });
    const planned = run([schedule(visit)], roster, '2022-05-31T07:00+04:00');
    expect(about(SAR, planned).map((n) => [n.recipientId, n.buttons[0]?.action])).toEqual([[curator(SAR).id, 'visited']]);
  });

  it('skips a milestone whose assignee has nobody in the roster', () => {
    const noCurators: Roster = { ...roster, curatorBySchool: new Map() };
    const visit = milestone('visit', due('2022-06-01'), { kind: 'visit', assignee: 'curator' });
    expect(run([schedule(visit)], noCurators, '2022-05-31T07:00+04:00')).toEqual([]);
  });

  it('ignores items due before trackingSince', () => {
    expect(run([schedule(upload)], roster, '2022-06-02T07:00+04:00', { settings: { trackingSince: '2022-06-02' } })).toEqual([]);
  });
});

describe('plan: region scope of schedules', () => {
  const federal: Schedule = { ...schedule(milestone('federal-upload', due('2022-06-01'))), id: 'federal-2022' };
  const saratovOnly: Schedule = {
    ...schedule(
      milestone('saratov-upload', due('2022-06-01')),
      milestone('saratov-vks', due('2022-05-31'), { kind: 'meeting', scope: 'region', assignee: 'regional', at: '10:00' }),
    ),
    id: 'saratov-2022',
    regions: ['RU-SAR'],
  };
  const fromSchedule = (id: string, list: PlannedNotification[]) => list.filter((n) => n.dedupeKey.startsWith(`${id}/`));
  const items = deliveredItems([federal, saratovOnly], roster, '2022-05-23', '2022-06-10');

  it('gives a Sverdlovsk school, its curator and coordinators nothing from the Saratov schedule', () => {
    const sverdlovsk = new Set(roster.people.filter((p) => p.regionId === rep(EKB).regionId).map((p) => p.id));
    const toSverdlovsk = items.filter((n) => sverdlovsk.has(n.recipientId));
    expect(fromSchedule('federal-2022', toSverdlovsk).length).toBeGreaterThan(0);
    expect(fromSchedule('saratov-2022', toSverdlovsk)).toEqual([]);
    expect(about(EKB, items).filter((n) => n.item?.scheduleId === 'saratov-2022')).toEqual([]);
  });

  it('applies the federal schedule to both regions and the Saratov one to Saratov', () => {
    const reminders = (schoolId: number, id: string) => fromSchedule(id, to(rep(schoolId), items)).filter((n) => n.kind === 'reminder').length;
    expect(reminders(SAR, 'federal-2022')).toBe(4);
    expect(reminders(SAR, 'saratov-2022')).toBe(4);
    expect(reminders(EKB, 'federal-2022')).toBe(4);
    expect(fromSchedule('saratov-2022', to(regional(SAR), items)).map((n) => [n.kind, n.step])).toEqual([
      ['event', 'event-eve'],
      ['event', 'event'],
    ]);
  });

  it('counts only the schedule\'s own regions in the digests\' indicators', () => {
    const sections = (person: Person) =>
      to(person, items)
        .filter((n) => n.kind === 'digest_regional' && n.localDate === '2022-06-06')
        .flatMap((n) => (Array.isArray(n.params.lines) ? n.params.lines : []))
        .map((line) => (line !== null && typeof line === 'object' && !Array.isArray(line) ? [line.indicator, line.total] : []));
    expect(sections(regional(SAR))).toEqual([['Этап federal-upload', 6], ['Этап saratov-upload', 6]]);
    expect(sections(regional(EKB))).toEqual([['Этап federal-upload', 2]]);
  });
});

describe('plan: a regional milestone that is the federal one (same_as)', () => {
  const schedules = loadSchedules('schedules');
  const stage1 = (list: PlannedNotification[]) =>
    list.filter((n) => n.item !== null && ['500plus-federal-2022/stage-1-monitoring', '500plus-saratov-2022/stage-1-evidence'].includes(`${n.item.scheduleId}/${n.item.occurrenceKey}`));

  it('reminds the Saratov school once of the stage 1 documents on the due day, by the federal item', () => {
    const dueDay = to(rep(SAR), run(schedules, roster, '2022-06-01T06:00+04:00'));
    expect(stage1(dueDay).map((n) => [n.item?.scheduleId, n.kind, n.step])).toEqual([['500plus-federal-2022', 'reminder', 'remind-0']]);
  });

  it('keeps one status: the school\'s submission of the federal item is what its curator confirms', () => {
    const submitted = status('stage-1-monitoring', SAR, 'submitted', { scheduleId: '500plus-federal-2022', updatedAt: '2022-05-20T08:00:00Z' });
    // 25.05 is the -7d reminder day: the curator is reminded to confirm, once
    const later = to(curator(SAR), run(schedules, roster, '2022-05-25T06:00+04:00', { statuses: [submitted] }));
    expect(stage1(later).map((n) => [n.item?.scheduleId, n.kind])).toEqual([['500plus-federal-2022', 'confirm_reminder']]);
    expect(stage1(to(rep(SAR), run(schedules, roster, '2022-06-01T06:00+04:00', { statuses: [submitted] })))).toEqual([]);
  });
});

describe('plan: a coordinator\'s item over many schools', () => {
  const regionalExpertise = milestone('regional-expertise', window('2022-05-24', '2022-05-30'), { kind: 'expertise', assignee: 'regional' });
  const municipalExpertise = milestone('municipal-expertise', due('2022-05-24'), { kind: 'expertise', assignee: 'municipal' });
  const s = schedule(regionalExpertise, municipalExpertise);
  const statuses = [status('regional-expertise', 1, 'done'), status('regional-expertise', 2, 'done'), status('municipal-expertise', 3, 'done')];
  const items = deliveredItems([s], roster, '2022-05-16', '2022-06-10', statuses);
  const of = (id: string, list: PlannedNotification[]) => list.filter((n) => n.dedupeKey.startsWith(`test-2022/${id}/`));

  it('gives the regional coordinator one item per decision counting the region\'s open schools, not one per school', () => {
    const mine = of('regional-expertise', to(regional(SAR), items));
    expect(mine.map((n) => [n.localDate, n.kind, n.params.count])).toEqual([
      ['2022-05-24', 'window_open', 4],
      ['2022-05-30', 'reminder', 4],
      ['2022-05-31', 'overdue', 4],
    ]);
    expect(mine.map((n) => n.dedupeKey)).toContain(`test-2022/regional-expertise/school-all/p${regional(SAR).id}/remind-0`);
    expect(mine.every((n) => n.item === null && n.templateId === `${n.kind.replace(/_/g, '-')}-group`)).toBe(true);
    expect(of('regional-expertise', to(regional(EKB), items)).map((n) => n.params.count)).toEqual([2, 2, 2]);
  });

  it('gives each municipal coordinator one item for their municipality\'s open schools a week ahead and on the day, and the region one notice for all of its lagging schools, the prompt left to the digest', () => {
    const reminders = (person: Person) => of('municipal-expertise', to(person, items)).filter((n) => n.kind === 'reminder');
    expect(reminders(municipal(1)).map((n) => [n.localDate, n.params.count])).toEqual([['2022-05-17', 2], ['2022-05-24', 2]]);
    expect(reminders(municipal(3)).map((n) => n.params.count)).toEqual([1, 1]);
    const up = of('municipal-expertise', to(regional(SAR), items));
    expect(up.map((n) => [n.localDate, n.kind, n.params.count])).toEqual([['2022-05-25', 'overdue_supervisor', 5]]);
    expect(up.map((n) => n.buttons)).toEqual([[
      { action: 'lagging_by_municipality', ref: null },
      { action: 'export_xlsx', ref: null },
    ]]);
  });

  it('still counts each lagging school in the regional digest, by municipality', () => {
    const digest = to(regional(SAR), items).find((n) => n.kind === 'digest_regional' && n.localDate === '2022-05-30');
    const lines = Array.isArray(digest?.params.lines) ? digest.params.lines : [];
    expect(lines.find((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && x.indicator === 'Этап municipal-expertise')).toMatchObject({ done: 1, total: 6, lagging: 5 });
    expect(digest?.params.top).toEqual([
      { name: 'RU-SAR район 1', items: 2, schools: 2 },
      { name: 'RU-SAR район 3', items: 2, schools: 2 },
      { name: 'RU-SAR район 2', items: 1, schools: 1 },
    ]);
  });

  it('keys a grouped item by occurrence, person and step: the same pass again, or with one more school done, plans nothing new', () => {
    const first = run([s], roster, '2022-05-27T07:00+04:00', { statuses });
    expect(run([s], roster, '2022-05-27T07:00+04:00', { statuses })).toEqual(first);
    const oneMoreDone = [...statuses, status('regional-expertise', 3, 'done')];
    expect(run([s], roster, '2022-05-27T08:00+04:00', { statuses: oneMoreDone, dedupeKeys: first.map((n) => n.dedupeKey) })).toEqual([]);
  });
});
