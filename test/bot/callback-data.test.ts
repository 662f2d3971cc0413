import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK_DATA_MAX_BYTES,
  decodeCallbackData,
  itemToken,
  packCallbackData,
  packSnoozeChoice,
  unpackCallbackData,
} from '../../src/bot/callback-data.js';
import { BUTTON_ACTIONS } from '../../src/domain/notification.js';

describe('callback data codec', () => {
  it('round-trips every action, id and version within 64 bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUTTON_ACTIONS), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (action, notificationId, version) => {
        const packed = packCallbackData({ action, notificationId, version });
        expect(Buffer.byteLength(packed)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(unpackCallbackData(packed)).toEqual({ action, notificationId, version });
      }),
    );
  });

  it('round-trips a snooze choice of any item within 64 bytes, and never as a notification button', () => {
    const dates = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), fc.nat(), fc.option(dates), (scheduleId, occurrenceKey, id, snoozedUntil) => {
        const choice = { itemToken: itemToken({ scheduleId, occurrenceKey, subject: { type: 'school', id } }), snoozedUntil };
        const packed = packSnoozeChoice(choice);
        expect(Buffer.byteLength(packed)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(decodeCallbackData(packed)).toEqual({ kind: 'snooze', choice });
        expect(unpackCallbackData(packed)).toBeNull();
      }),
    );
  });

  it('tells items apart by their token', () => {
    const ref = { scheduleId: 'test-500plus', occurrenceKey: 'plan-a', subject: { type: 'school' as const, id: 1 } };
    expect(itemToken({ ...ref, subject: { type: 'school', id: 2 } })).not.toBe(itemToken(ref));
    expect(itemToken({ ...ref, subject: { type: 'curator', id: 1 } })).not.toBe(itemToken(ref));
    expect(itemToken({ ...ref, occurrenceKey: 'plan-b' })).not.toBe(itemToken(ref));
  });

  it('rejects anything it did not produce', () => {
    for (const raw of [undefined, '', 'confirm:1:0', 'q:1:0', 's:0:0', 's:1', 's:1:0:0', 's:-1:0', 'S:1:0', `s:${'z'.repeat(70)}:0`, 'z:0123456789ab', 'z:0123456789AB:0', 'z:0123456789a:0', 'z:0123456789ab:20220231', 'z:0123456789ab:1', 'z:0123456789ab:0:0']) {
      expect(unpackCallbackData(raw)).toBeNull();
    }
  });
});
