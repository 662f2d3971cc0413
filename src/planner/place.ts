/**
 * Where an item's work is done, as its messages say it (templates/ru/items.ftl, `item-system-*`): the system's
 * name as it reads after «в», the link people open (the milestone's own, else its system's), and whether the
 * assignee posts documents there for a confirmer («Разместите документы в ИС МЭДК») or only works there.
 */
import type { Milestone } from '../schedule/types.js';

export interface Place {
  system: string | null;
  link: string | null;
  posts: boolean | null;
}

const PLACES = new WeakMap<Milestone, Place>();

/** The milestone's place, built once per milestone: parameter objects take its fields in their literal. */
export function placeOf(milestone: Milestone): Place {
  let place = PLACES.get(milestone);
  if (place === undefined) {
    place = { system: milestone.system?.name ?? null, link: milestone.link, posts: milestone.system === null ? null : milestone.confirmBy !== null };
    PLACES.set(milestone, place);
  }
  return place;
}
