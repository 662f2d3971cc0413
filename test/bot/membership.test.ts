import { afterEach, describe, expect, it } from 'vitest';
import { getPerson } from '../../src/db/people.js';
import { startWorld, tg, type World } from './fixture.js';

describe('bot: my_chat_member', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('asks Telegram for membership updates when polling', async () => {
    w = await startWorld();
    const poll = await w.until(() => w.emu.requests().find((r) => r.method === 'getUpdates'), 'a long poll');
    expect(poll.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
  });

  it('marks a school representative who blocks the bot unreachable and tells the curator once', async () => {
    w = await startWorld();
    const { repB1, curatorIvanova } = w.roster.person;
    await w.register(repB1, curatorIvanova);
    const before = w.emu.sent(tg(curatorIvanova)).length;

    w.membership(tg(repB1), 'kicked');
    const notice = await w.until(() => w.emu.sent(tg(curatorIvanova)).slice(before).find((m) => m.text?.includes('бот заблокирован')), 'the notice');
    expect(notice.text).toContain('представителю школы Смирнова Анна Павловна');
    expect(notice.text).toContain('МОУ СОШ № 1 г. Балаково');
    expect(getPerson(w.store, repB1)?.state).toBe('unreachable');

    // a second block (Telegram repeats updates after a restart) tells nobody again
    w.membership(tg(repB1), 'kicked');
    w.text(tg(curatorIvanova), '/help');
    await w.until(() => w.emu.sent(tg(curatorIvanova)).length > before + 1, 'the help reply after the second block');
    expect(w.emu.sent(tg(curatorIvanova)).filter((m) => m.text?.includes('бот заблокирован'))).toHaveLength(1);
  });

  it('makes a person who unblocks the bot reachable again, and the planner addresses them once more', async () => {
    w = await startWorld({ now: '2022-05-31T08:00' });
    const { repB1 } = w.roster.person;
    await w.register(repB1);
    w.membership(tg(repB1), 'kicked');
    await w.until(() => getPerson(w.store, repB1)?.state === 'unreachable', 'unreachable');
    expect(w.planned().filter((n) => n.recipientId === repB1)).toEqual([]);

    w.membership(tg(repB1), 'member');
    await w.until(() => getPerson(w.store, repB1)?.state === 'active', 'active again');
    expect(w.planned().some((n) => n.recipientId === repB1 && n.kind === 'reminder')).toBe(true);
  });

  it('ignores membership changes of strangers', async () => {
    w = await startWorld();
    w.membership(999_001, 'kicked');
    w.text(999_001, '/start');
    await w.until(() => w.emu.sent(999_001).length > 0, 'the stranger reply');
    expect(w.emu.sent().filter((m) => m.text?.includes('бот заблокирован'))).toEqual([]);
  });
});
