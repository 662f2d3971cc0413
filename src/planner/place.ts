/**
 * Where an item's work is done, as its messages say it (templates/ru/items.ftl, `item-system-*`): the system's
 * name as it reads after «в», the link people open (the milestone's own, else its system's), and whether the
 * assignee posts documents there for a confirmer («Разместите документы в ИС МЭДК») or only works there.
 */
import type { Params } from '../domain/notification.js';
import type { Milestone } from '../schedule/types.js';

/** Adds `system`, `link` and `posts` to an item's parameters (field by field: a national pass builds many). */
export function addPlace(params: Params, milestone: Milestone): Params {
  params.system = milestone.system?.name ?? null;
  params.link = milestone.link;
  params.posts = milestone.system === null ? null : milestone.confirmBy !== null;
  return params;
}
