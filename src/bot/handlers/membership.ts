/**
 * `my_chat_member` updates from private chats: a registered person who blocks the bot becomes unreachable
 * (their supervisor is told once, with the delivery worker's notice), and one who unblocks it is reachable
 * again, so the planner and the worker address them once more.
 */
import type { Context } from 'grammy';
import { markUnreachable, setPersonState } from '../../db/people.js';
import { unreachableNotices } from '../../delivery/unreachable.js';
import { resolvePerson } from '../auth.js';
import type { BotServices } from '../services.js';
import { sendPlannedNow } from '../triggered.js';

/** Handles the bot's own membership changes in a chat. */
export function createMembershipHandler(rt: BotServices) {
  return async (ctx: Context): Promise<void> => {
    const update = ctx.myChatMember;
    if (update === undefined || update.chat.type !== 'private') return;
    const person = resolvePerson(rt.store, update.from.id);
    if (person === null) return;
    const status = update.new_chat_member.status;
    if (status === 'kicked') {
      // check-and-set: a worker's 403 for the same person may race us, and only one side tells the supervisor
      if (!markUnreachable(rt.store, person.id)) return;
      const told = await sendPlannedNow(rt, unreachableNotices(rt.store, person, rt.clock.now()));
      rt.log.warn({ personId: person.id, updateId: ctx.update.update_id, told }, 'person blocked the bot; supervisor told');
    } else if (status === 'member' && person.state === 'unreachable') {
      setPersonState(rt.store, person.id, 'active');
      rt.log.info({ personId: person.id, updateId: ctx.update.update_id }, 'person unblocked the bot; reachable again');
    }
  };
}
