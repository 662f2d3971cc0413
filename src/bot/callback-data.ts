/**
 * The one codec for inline-button callback data. A button carries an opaque reference, never the item
 * itself: `<action code>:<notification id>:<item version>`, both numbers in base 36, e.g. `s:1a:3`
 * (Telegram allows 64 bytes; ours stay under 20). Nothing in it is trusted: the bot resolves the pressing
 * person from their Telegram id, loads the notification, checks that it was sent to that person and that
 * its item lies in their scope, and compares the version with the stored one before changing anything.
 *
 * A `/snooze` choice is drawn for an item no notification may carry, so it names the item by a digest
 * instead: `z:<item token>:<snoozed until as YYYYMMDD, or 0>`, e.g. `z:3f9a0c12be47:20220606` (23 bytes). The
 * bot matches the token only against the pressing person's own items, and the date plays the version's part.
 */
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LocalDate } from '../domain/local-date.js';
import { BUTTON_ACTIONS, type ButtonAction, type PlannedButton } from '../domain/notification.js';
import type { ItemRef } from '../domain/status.js';

/** Telegram's limit on `callback_data`, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** One letter per action, so the data stays short and says nothing readable about the item. */
const ACTION_CODES: Record<ButtonAction, string> = {
  submit: 's',
  done: 'd',
  visited: 'v',
  closing_docs: 'c',
  in_progress: 'w',
  in_progress_until: 'u',
  help: 'h',
  problem: 'p',
  confirm: 'k',
  return: 'r',
  remind_curator: 'n',
  remind_school: 'e',
  lagging_by_municipality: 'l',
  lagging_schools: 'g',
  export_xlsx: 'x',
  progress_chart: 'i',
  show_all: 'a',
};

const ACTION_BY_CODE = new Map<string, ButtonAction>(BUTTON_ACTIONS.map((a) => [ACTION_CODES[a], a]));

/** The code of a `/snooze` choice; no button action uses it. */
const SNOOZE_CODE = 'z';

/** Hex digits of an item token: 48 bits, so two items of one person never share a token in practice. */
const TOKEN_LENGTH = 12;
const TOKEN_PATTERN = new RegExp(`^[0-9a-f]{${TOKEN_LENGTH}}$`);

/** What a button refers to once decoded. */
export interface CallbackData {
  action: ButtonAction;
  /** Row id in `notifications`: the message item the button was drawn for. */
  notificationId: number;
  /** The item's status version when the button was drawn (0 for an item nobody has touched). */
  version: number;
}

/** A `/snooze` choice once decoded. */
export interface SnoozeChoice {
  /** `itemToken` of the item. */
  itemToken: string;
  /** The item's `snoozedUntil` when the button was drawn: a press that finds another changes nothing. */
  snoozedUntil: LocalDate | null;
}

/** Any callback data of this bot: a notification's button, or a `/snooze` choice. */
export type DecodedCallback = { kind: 'button'; data: CallbackData } | { kind: 'snooze'; choice: SnoozeChoice };

const base36 = (max: number) =>
  z
    .string()
    .regex(/^[0-9a-z]{1,11}$/)
    .transform((s) => Number.parseInt(s, 36))
    .pipe(z.number().int().min(0).max(max));

const buttonWire = z
  .tuple([
    z
      .string()
      .length(1)
      .transform((code, ctx) => {
        const action = ACTION_BY_CODE.get(code);
        if (action === undefined) {
          ctx.issues.push({ code: 'custom', message: `unknown action code "${code}"`, input: code });
          return z.NEVER;
        }
        return action;
      }),
    base36(Number.MAX_SAFE_INTEGER).pipe(z.number().min(1)),
    base36(2 ** 31 - 1),
  ])
  .transform(([action, notificationId, version]): DecodedCallback => ({ kind: 'button', data: { action, notificationId, version } }));

const snoozedUntilWire = z.union([
  z.literal('0').transform(() => null),
  z
    .string()
    .regex(/^\d{8}$/)
    .transform((s) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`)
    .refine((date) => DateTime.fromISO(date).isValid, 'not a calendar date'),
]);

const snoozeWire = z
  .tuple([z.literal(SNOOZE_CODE), z.string().regex(TOKEN_PATTERN), snoozedUntilWire])
  .transform(([, itemToken, snoozedUntil]): DecodedCallback => ({ kind: 'snooze', choice: { itemToken, snoozedUntil } }));

const wireSchema = z
  .string()
  .max(CALLBACK_DATA_MAX_BYTES)
  .transform((s) => s.split(':'))
  .pipe(z.union([snoozeWire, buttonWire]));

/** Encodes a button's reference. */
export function packCallbackData(data: CallbackData): string {
  if (!Number.isSafeInteger(data.notificationId) || data.notificationId < 1) {
    throw new RangeError(`notificationId must be a positive integer, got ${data.notificationId}`);
  }
  if (!Number.isSafeInteger(data.version) || data.version < 0) {
    throw new RangeError(`version must be a non-negative integer, got ${data.version}`);
  }
  return `${ACTION_CODES[data.action]}:${data.notificationId.toString(36)}:${data.version.toString(36)}`;
}

/** Decodes any callback data from Telegram; null for anything this codec did not produce. */
export function decodeCallbackData(raw: string | undefined): DecodedCallback | null {
  const parsed = wireSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Decodes a notification button's data; null for anything else. */
export function unpackCallbackData(raw: string | undefined): CallbackData | null {
  const decoded = decodeCallbackData(raw);
  return decoded?.kind === 'button' ? decoded.data : null;
}

/** An opaque, fixed-length name of an item for a `/snooze` choice: says nothing readable about it. */
export function itemToken(ref: ItemRef): string {
  const key = JSON.stringify([ref.scheduleId, ref.occurrenceKey, ref.subject.type, ref.subject.id]);
  return createHash('sha256').update(key).digest('hex').slice(0, TOKEN_LENGTH);
}

/** Encodes a `/snooze` choice. */
export function packSnoozeChoice(choice: SnoozeChoice): string {
  if (!TOKEN_PATTERN.test(choice.itemToken)) throw new RangeError(`not an item token: ${choice.itemToken}`);
  const { snoozedUntil } = choice;
  if (snoozedUntil !== null && !/^\d{4}-\d{2}-\d{2}$/.test(snoozedUntil)) throw new RangeError(`snoozedUntil must be YYYY-MM-DD, got ${snoozedUntil}`);
  return `${SNOOZE_CODE}:${choice.itemToken}:${snoozedUntil === null ? '0' : snoozedUntil.replaceAll('-', '')}`;
}

/** Whether a piece of callback data refers to the given notification (to drop its buttons after a press). */
export function refersToNotification(raw: string | undefined, notificationId: number): boolean {
  return unpackCallbackData(raw)?.notificationId === notificationId;
}

/** A stored notification as far as its buttons are concerned. */
export interface ButtonSource {
  id: number;
  item: ItemRef | null;
  buttons: readonly PlannedButton[];
}

function sameRef(a: ItemRef | null, b: ItemRef | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.scheduleId === b.scheduleId &&
    a.occurrenceKey === b.occurrenceKey &&
    a.subject.type === b.subject.type &&
    a.subject.id === b.subject.id
  );
}

/**
 * The callback data of one rendered button of a bundle: it points at the bundle's notification that drew
 * it (the one about the same item with that action), stamped with the item's current version.
 * @param versionOf the stored version of an item (0 when nobody has touched it)
 */
export function callbackDataFor(
  button: PlannedButton,
  bundle: readonly ButtonSource[],
  versionOf: (ref: ItemRef) => number,
): string {
  // «Показать все» is drawn by the renderer under a coordinator's long bundle: any of its rows names the bundle
  const source =
    button.action === 'show_all' ? bundle[0] : bundle.find((n) => n.buttons.some((b) => b.action === button.action && sameRef(b.ref, button.ref)));
  if (source === undefined) throw new RangeError(`No notification of the bundle has a ${button.action} button`);
  return packCallbackData({
    action: button.action,
    notificationId: source.id,
    version: button.ref === null ? 0 : versionOf(button.ref),
  });
}
