import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../src/db/notifications.js';
import { SARATOV, startWorld, tg, type World } from './fixture.js';

/** The school's reminders of 31.05 as stored: state and local send time. */
function schoolRows(w: World, personId: number) {
  return listNotifications(w.store, { personId })
    .filter((n) => n.localDate === '2022-05-31' && n.kind === 'reminder')
    .map((n) => `${n.state} ${DateTime.fromISO(n.sendAt, { zone: SARATOV }).toFormat('HH:mm')}`);
}

describe('bot: a due bundle is never held back by a job timed for later', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('sends the 09:30 wave at 09:30 after the scheduler ran at 06:00 and the clock jumped to 09:29', async () => {
    // 06:00: the tick plans the day and queues the 09:30 bundle, delayed three and a half real hours
    w = await startWorld({ now: '2022-05-31T06:00', redis: true });
    const { repB1 } = w.roster.person;
    await w.deliver();
    // joined after the tick: the greeting leaves the item to the day's 09:30 message, which the next tick queues
    await w.register(repB1);
    await w.deliver();
    expect(schoolRows(w, repB1)).toEqual(['queued 09:30']);

    // a restart with a later clock on the same Redis: the job still waits for the old instant
    w.setNow('2022-05-31T09:29');
    await w.deliver();
    expect(w.emu.sent(tg(repB1)).filter((m) => m.text?.includes('Напоминание'))).toEqual([]);

    w.setNow('2022-05-31T09:30');
    await w.deliver();
    const reminders = w.emu.sent(tg(repB1)).filter((m) => m.text?.includes('Напоминание'));
    expect(reminders).toHaveLength(1);
    const sent = listNotifications(w.store, { personId: repB1, state: 'sent' }).filter((n) => n.kind === 'reminder');
    expect(sent.map((n) => DateTime.fromISO(n.sentAt ?? '', { zone: SARATOV }).toFormat('HH:mm'))).toEqual(['09:30']);
  });

  it('moves a waiting bundle to the new window a person set after it was queued', async () => {
    w = await startWorld({ now: '2022-05-31T06:00', redis: true });
    const { repB1 } = w.roster.person;
    await w.deliver();
    await w.register(repB1);
    await w.deliver();
    expect(schoolRows(w, repB1)).toEqual(['queued 09:30']);

    const before = w.emu.sent(tg(repB1)).length;
    w.text(tg(repB1), '/settings window 11:00-18:00');
    await w.until(() => w.emu.sent(tg(repB1)).length > before, 'the settings reply');
    w.setNow('2022-05-31T06:01');
    await w.deliver();
    expect(schoolRows(w, repB1)).toEqual(['queued 11:00']);

    // 09:30 passes with nothing due; at 11:00 the bundle goes out
    w.setNow('2022-05-31T09:30');
    await w.deliver();
    expect(w.emu.sent(tg(repB1)).filter((m) => m.text?.includes('Напоминание'))).toEqual([]);
    w.setNow('2022-05-31T11:00');
    await w.deliver();
    expect(w.emu.sent(tg(repB1)).filter((m) => m.text?.includes('Напоминание'))).toHaveLength(1);
    expect(schoolRows(w, repB1)).toEqual(['sent 11:00']);
  });
});
