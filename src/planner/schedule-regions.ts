import type { Region } from '../domain/roster.js';
import type { Schedule } from '../schedule/types.js';

/**
 * Whether a schedule concerns a region's subjects and people: a regional roadmap (`regions: [RU-SAR]`) only its
 * own regions, a schedule without `regions` (the federal roadmap) every region.
 */
export function scheduleAppliesTo(schedule: Schedule, region: Region): boolean {
  return schedule.regions === undefined || schedule.regions.includes(region.code);
}
