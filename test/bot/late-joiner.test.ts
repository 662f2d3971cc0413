import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications, RECIPIENT_NOT_STARTED } from '../../src/db/notifications.js';
import { startWorld, tg, type World } from './fixture.js';

describe('bot: someone who joins late still hears today', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('sends the day\'s waiting bundle with its buttons right after the greeting of a school that joins at 10:00', async () => {
    w = await startWorld({ now: '2022-05-31T09:30', redis: true });
    const { repB1 } = w.roster.person;
    // 09:30: the wave goes out; the school has not opened its invite, so its bundle waits
    await w.deliver();
    const waiting = listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31');
    expect(waiting.map((n) => n.state)).toEqual(['planned']);

    w.setNow('2022-05-31T10:00');
    await w.deliver();
    await w.register(repB1);
    const bundle = await w.until(() => w.emu.sent(tg(repB1)).find((m) => m.text?.includes('Напоминание')), 'the waiting bundle');
    const messages = w.emu.sent(tg(repB1));
    expect(messages[0]?.text).toContain('Здравствуйте');
    expect(messages.indexOf(bundle)).toBe(1);
    expect(JSON.stringify(bundle.replyMarkup)).toContain('Разместили документы');
    expect(listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31').map((n) => n.state)).toEqual(['sent']);
  });

  it('ends the rows not delivered, with the reason, when the day ends before the person joins', async () => {
    w = await startWorld({ now: '2022-05-31T09:30', redis: true });
    const { repB1 } = w.roster.person;
    await w.deliver();
    w.setNow('2022-06-01T08:00');
    await w.deliver();
    const rows = listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31');
    expect(rows.map((n) => `${n.state}: ${n.lastError}`)).toEqual([`dead: ${RECIPIENT_NOT_STARTED}`]);
    // today's bundle waits again
    expect(listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-06-01').map((n) => n.state)).toEqual(['planned']);
  });
});
