/**
 * A Saratov roster of `schools` schools written straight into a store, everyone with a Telegram chat, for
 * delivery tests: the federal 2022 schedule gives each school a reminder on 31.05.2022, so a tick at that
 * morning's 09:30 plans a wave of one message per school (plus curators and coordinators).
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import type { Store } from '../../src/db/client.js';
import { curatorAssignments, municipalities, people, regions, schools } from '../../src/db/schema.js';
import { DEFAULT_PLANNER_SETTINGS, type PlannerSettings } from '../../src/planner/types.js';
import { loadSchedules } from '../../src/schedule/load.js';

export const FEDERAL_SCHEDULE = loadSchedules(join(import.meta.dirname, '../../schedules/500plus-federal-2022.yaml'));
export const SETTINGS: PlannerSettings = { ...DEFAULT_PLANNER_SETTINGS, trackingSince: '2022-05-01' };
/** The morning send time before the stage 1 deadline, in Saratov. */
export const WAVE_AT = DateTime.fromISO('2022-05-31T09:30', { zone: 'Europe/Saratov' });

export interface WaveRoster {
  schoolIds: number[];
  /** chat id → person id, for everyone. */
  chats: Map<string, number>;
}

export function seedWave(store: Store, schoolCount: number): WaveRoster {
  const { db } = store;
  const regionId = db.insert(regions).values({ code: 'RU-SAR', name: 'Саратовская область', timeZone: 'Europe/Saratov' }).returning().get().id;
  const chats = new Map<string, number>();
  const person = (fullName: string, role: string, extra: { municipalityId?: number; schoolId?: number } = {}) => {
    const id = db.insert(people).values({ fullName, role, regionId, ...extra }).returning().get().id;
    const chatId = String(700_000 + id);
    db.update(people).set({ chatId }).where(eq(people.id, id)).run();
    chats.set(chatId, id);
    return id;
  };
  person('Региональный координатор', 'regional');
  const schoolIds: number[] = [];
  let municipalityId = 0;
  let curatorId = 0;
  for (let i = 0; i < schoolCount; i += 1) {
    if (i % 25 === 0) {
      municipalityId = db.insert(municipalities).values({ regionId, name: `Район ${i / 25 + 1}` }).returning().get().id;
      person(`Муниципальный координатор ${i / 25 + 1}`, 'municipal', { municipalityId });
    }
    if (i % 10 === 0) curatorId = person(`Куратор ${i / 10 + 1}`, 'curator');
    const schoolId = db
      .insert(schools)
      .values({ regionId, municipalityId, code: `sch${i + 1}`, name: `МОУ СОШ № ${i + 1}` })
      .returning()
      .get().id;
    schoolIds.push(schoolId);
    person(`Представитель школы ${i + 1}`, 'school', { municipalityId, schoolId });
    db.insert(curatorAssignments).values({ schoolId, curatorId, since: '2022-01-10' }).run();
  }
  return { schoolIds, chats };
}
