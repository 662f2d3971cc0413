import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES, packCallbackData, unpackCallbackData } from '../../src/bot/callback-data.js';
import { BUTTON_ACTIONS } from '../../src/planner/types.js';

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

  it('rejects anything it did not produce', () => {
    for (const raw of [undefined, '', 'confirm:1:0', 'q:1:0', 's:0:0', 's:1', 's:1:0:0', 's:-1:0', 'S:1:0', `s:${'z'.repeat(70)}:0`]) {
      expect(unpackCallbackData(raw)).toBeNull();
    }
  });
});
