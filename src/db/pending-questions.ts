/**
 * Questions waiting for a typed answer (a return comment, a problem's reason, a planned date, a help
 * request), kept in SQLite so a restart between the question and the answer loses nothing. A person has at
 * most one open question: asking a new one replaces the old.
 */
import { eq } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { BUTTON_ACTIONS } from '../domain/notification.js';
import type { Store } from './client.js';
import { pendingQuestions } from './schema.js';

export const QUESTION_KINDS = ['return_comment', 'problem_reason', 'planned_date', 'help_request'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const refSchema = z.object({
  /** The button that asked; the answer is re-authorized as a press of it. */
  action: z.enum(BUTTON_ACTIONS),
  notificationId: z.number().int().positive(),
  /** The item version the button was drawn for: the answer applies only if nobody moved the item since. */
  version: z.number().int().min(0),
  /** The message that asked, to edit it once the answer comes. */
  chatId: z.number().int(),
  messageId: z.number().int(),
});
export type QuestionRef = z.infer<typeof refSchema>;

export interface PendingQuestion {
  personId: number;
  kind: QuestionKind;
  ref: QuestionRef;
  askedAt: string;
}

/** Records the question (replacing any earlier one of the person). */
export function askQuestion(store: Store, personId: number, kind: QuestionKind, ref: QuestionRef, now: DateTime): void {
  const askedAt = now.toUTC().toISO() ?? '';
  store.db
    .insert(pendingQuestions)
    .values({ personId, kind, ref: JSON.stringify(ref), askedAt })
    .onConflictDoUpdate({ target: pendingQuestions.personId, set: { kind, ref: JSON.stringify(ref), askedAt } })
    .run();
}

/** The person's open question; a row this version cannot read is dropped (and null returned). */
export function pendingQuestion(store: Store, personId: number): PendingQuestion | null {
  const row = store.db.select().from(pendingQuestions).where(eq(pendingQuestions.personId, personId)).get();
  if (!row) return null;
  const kind = QUESTION_KINDS.find((k) => k === row.kind);
  const ref = refSchema.safeParse(JSON.parse(row.ref));
  if (kind === undefined || !ref.success) {
    clearQuestion(store, personId);
    return null;
  }
  return { personId, kind, ref: ref.data, askedAt: row.askedAt };
}

export function clearQuestion(store: Store, personId: number): void {
  store.db.delete(pendingQuestions).where(eq(pendingQuestions.personId, personId)).run();
}
