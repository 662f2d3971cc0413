/**
 * The greeting of someone who redeemed their invite, sent through the one send path: the lines of the day
 * that waited for them and their items due now follow it in one message, each with its buttons
 * (src/planner/welcome.ts decides which).
 */
import { insertPlanned, loadBundle, loadByDedupeKeys, SENDABLE_STATES } from '../db/notifications.js';
import { placedSchools, schoolIdsInScope, subjectName } from '../db/roster.js';
import type { Params } from '../domain/notification.js';
import type { Person } from '../domain/roster.js';
import { bundleKey, instantStamp, itemKeyPrefix } from '../planner/keys.js';
import { planWelcome, type WelcomeItem } from '../planner/welcome.js';
import { occurrenceByKey } from '../schedule/occurrences.js';
import { nameWithCode } from './item-view.js';
import { personZone } from './overview.js';
import { personItems } from './person-items.js';
import type { BotServices } from './services.js';
import { sendNow } from './triggered.js';

/** Whom the person answers for: the parameters of `bot-scope`. */
export function scopeParams(rt: BotServices, person: Person): Params {
  const region = subjectName(rt.store, { type: 'region', id: person.regionId }) ?? '';
  const municipality =
    person.municipalityId === null ? '' : (subjectName(rt.store, { type: 'municipality', id: person.municipalityId }) ?? '');
  const names = placedSchools(rt.store, schoolIdsInScope(rt.store, person))
    .sort((a, b) => a.id - b.id)
    .map((school) => nameWithCode(rt.say, school.name, school.nameCode));
  return { name: person.fullName, role: person.role, region, municipality, schools: names.join(', '), count: names.length };
}

/** The person's items as the planner's greeting takes them (the milestone of each from the loaded schedules). */
function welcomeItems(rt: BotServices, person: Person, zone: string): WelcomeItem[] {
  const schedules = new Map(rt.schedules.map((s) => [s.id, s]));
  return personItems(rt.store, rt.schedules, person, zone).flatMap((item): WelcomeItem[] => {
    const schedule = schedules.get(item.scheduleId);
    const occurrence = schedule ? occurrenceByKey(schedule, item.occurrenceKey, zone) : null;
    if (!occurrence) return [];
    const ref = { scheduleId: item.scheduleId, occurrenceKey: item.occurrenceKey, subject: item.subject };
    return [{ milestone: occurrence.milestone, ref, subjectName: item.subjectName, subjectCode: item.subjectCode, due: item.due, status: item.status, capacity: item.capacity }];
  });
}

/** Greets a newly joined person; returns whether the message went out (else its rows wait for the worker). */
export async function sendWelcome(rt: BotServices, person: Person): Promise<boolean> {
  const now = rt.clock.now();
  const nowIso = now.toUTC().toISO() ?? '';
  const zone = personZone(rt.store, person);
  const dailyKey = bundleKey(person.id, now.setZone(zone).toISODate() ?? '');
  const day = loadBundle(rt.store, dailyKey);
  // lines of the day that waited for them go out with the greeting, as the day's message; else that is to come
  const waiting = day.filter((row) => SENDABLE_STATES.includes(row.state) && row.sendAt <= nowIso);
  const planned = planWelcome({
    person,
    zone,
    now,
    bundleKey: waiting.length > 0 ? dailyKey : `${dailyKey}/welcome-${instantStamp(nowIso)}`,
    days: rt.config.deadlineDays,
    intro: scopeParams(rt, person),
    items: welcomeItems(rt, person, zone),
    inBundle: new Set(day.flatMap((row) => (row.item === null ? [] : [itemKeyPrefix(row.item)]))),
  });
  insertPlanned(rt.store, planned);
  const rows = [...loadByDedupeKeys(rt.store, planned.map((n) => n.dedupeKey)).filter((row) => SENDABLE_STATES.includes(row.state)), ...waiting];
  const outcome = await sendNow(rt, rows);
  if (outcome.kind === 'failed') rt.log.warn({ personId: person.id, err: outcome.failure.message }, 'greeting failed');
  return outcome.kind === 'sent';
}
