import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../src/domain/notification.js';
import type { ItemRef } from '../../src/domain/status.js';
import type { CurrentItem } from '../../src/planner/relevance.js';
import { type CatchUpRow, staleNotifications } from '../../src/queue/catch-up.js';

const ZONE = 'Europe/Saratov';
const item = (school: number): ItemRef => ({
  scheduleId: '500plus-federal-2022',
  occurrenceKey: 'stage-1-monitoring',
  subject: { type: 'school', id: school },
});

function row(
  id: number,
  localDate: string,
  time: string,
  it: ItemRef | null,
  zone = ZONE,
  kind: NotificationKind = 'reminder',
): CatchUpRow {
  const sendAt = DateTime.fromISO(`${localDate}T${time}`, { zone }).toUTC().toISO() ?? '';
  return { id, item: it, kind, params: {}, sendAt, localDate, zone };
}

const open = (): CurrentItem | null => null;
// Monday 06.06.2022 10:00 in Saratov (+04:00), after a bot that was down since Friday morning
const monday = DateTime.fromISO('2022-06-06T10:00', { zone: ZONE });

describe('staleNotifications', () => {
  it('sends a reminder late on its own day while its item is open', () => {
    const reminder = row(1, '2022-06-06', '09:30', item(7));
    expect(staleNotifications([reminder], [reminder], open, monday)).toEqual(new Map());
  });

  it("skips Friday's reminders on Monday: their day has passed", () => {
    const friday = row(1, '2022-06-03', '09:30', item(7));
    const digest = row(2, '2022-06-03', '09:30', null);
    const verdicts = staleNotifications([friday, digest], [friday, digest], open, monday);
    expect(verdicts).toEqual(new Map([[1, 'day passed'], [2, 'day passed']]));
  });

  it('skips a message whose item was closed meanwhile, even before it is due', () => {
    const tomorrow = row(1, '2022-06-07', '09:30', item(7));
    const closed = (ref: ItemRef): CurrentItem | null =>
      ref.subject.id === 7 ? { status: 'confirmed', snoozedUntil: null } : null;
    expect(staleNotifications([tomorrow], [], closed, monday)).toEqual(new Map([[1, 'item moved on']]));
  });

  it("skips a school's queued reminder once it has posted its documents, and keeps its curator's nudge", () => {
    const reminder = row(1, '2022-06-07', '09:30', item(7));
    const nudge = row(2, '2022-06-07', '09:30', item(7), ZONE, 'confirm_reminder');
    const submitted = (): CurrentItem => ({ status: 'submitted', snoozedUntil: null });
    expect(staleNotifications([reminder, nudge], [], submitted, monday)).toEqual(new Map([[1, 'item moved on']]));
  });

  it('drops an earlier step once a later step of the same item has come due, and keeps the later one', () => {
    const esc1 = row(1, '2022-06-06', '08:00', item(7));
    const esc2 = row(2, '2022-06-06', '09:30', item(7));
    const otherSchool = row(3, '2022-06-06', '08:00', item(8));
    const verdicts = staleNotifications([esc1, esc2, otherSchool], [esc1, esc2, otherSchool], open, monday);
    expect(verdicts).toEqual(new Map([[1, 'superseded']]));
  });

  it('does not let a later step that is not yet due supersede an earlier one', () => {
    const esc1 = row(1, '2022-06-06', '09:30', item(7));
    const esc2 = row(2, '2022-06-07', '09:30', item(7));
    expect(staleNotifications([esc1, esc2], [esc1, esc2], open, monday)).toEqual(new Map());
  });

  it("reads each row's day in its recipient's zone", () => {
    // 23:30 Moscow on 05.06 is already 06.06 in Kamchatka (+12:00): a Kamchatka row of 06.06 is today there
    const lateEvening = DateTime.fromISO('2022-06-05T23:30', { zone: 'Europe/Moscow' });
    const kamchatka = row(1, '2022-06-06', '09:30', item(7), 'Asia/Kamchatka');
    const moscow = row(2, '2022-06-04', '09:30', item(8), 'Europe/Moscow');
    const verdicts = staleNotifications([kamchatka, moscow], [], open, lateEvening);
    expect(verdicts).toEqual(new Map([[2, 'day passed']]));
  });
});
