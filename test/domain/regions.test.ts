import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FEDERAL_SUBJECTS } from '../../src/domain/federal-subjects.js';
import {
  findFederalSubject,
  lookupFederalSubject,
  normaliseRegionName,
  UnknownRegionError,
} from '../../src/domain/regions.js';

describe('lookupFederalSubject', () => {
  it.each([
    ['Саратовская область', 'RU-SAR', 'Europe/Saratov'],
    ['Саратовская обл.', 'RU-SAR', 'Europe/Saratov'],
    ['саратовская', 'RU-SAR', 'Europe/Saratov'],
    ['Свердловская', 'RU-SVE', 'Asia/Yekaterinburg'],
    ['Якутия', 'RU-SA', 'Asia/Yakutsk'],
    ['Республика Саха (Якутия)', 'RU-SA', 'Asia/Yakutsk'],
    ['Калининградская', 'RU-KGD', 'Europe/Kaliningrad'],
    ['Камчатский край', 'RU-KAM', 'Asia/Kamchatka'],
    ['г. Москва', 'RU-MOW', 'Europe/Moscow'],
    ['Москва', 'RU-MOW', 'Europe/Moscow'],
    ['Татарстан', 'RU-TA', 'Europe/Moscow'],
    ['Республика Татарстан', 'RU-TA', 'Europe/Moscow'],
    ['Чувашия', 'RU-CU', 'Europe/Moscow'],
    ['ХМАО', 'RU-KHM', 'Asia/Yekaterinburg'],
    ['Ханты-Мансийский автономный округ — Югра', 'RU-KHM', 'Asia/Yekaterinburg'],
    ['Ханты–Мансийский АО - Югра', 'RU-KHM', 'Asia/Yekaterinburg'],
    ['Кемеровская область - Кузбасс', 'RU-KEM', 'Asia/Novokuznetsk'],
    ['Удмуртская республика', 'RU-UD', 'Europe/Samara'],
    ['Запорожская область', 'RU-ZAP', 'Europe/Moscow'],
    ['ru-sar', 'RU-SAR', 'Europe/Saratov'],
    ['RU-CHU', 'RU-CHU', 'Asia/Anadyr'],
  ])('finds "%s" as %s in %s', (input, code, zone) => {
    const subject = lookupFederalSubject(input);
    expect(subject.code).toBe(code);
    expect(subject.timeZone).toBe(zone);
  });

  it('suggests the closest official names for a typo', () => {
    const error = (() => {
      try {
        lookupFederalSubject('Саратовкая облась');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnknownRegionError);
    expect((error as UnknownRegionError).suggestions[0]).toBe('Саратовская область');
    expect((error as UnknownRegionError).message).toContain('did you mean "Саратовская область"');
  });

  it('suggests nothing for a name nowhere near a federal subject', () => {
    expect(() => lookupFederalSubject('Нарния')).toThrow(/expected a federal subject/);
  });
});

describe('FEDERAL_SUBJECTS', () => {
  it('lists all 89 subjects, each with a unique code and a time zone luxon knows', () => {
    expect(FEDERAL_SUBJECTS).toHaveLength(89);
    expect(new Set(FEDERAL_SUBJECTS.map((s) => s.code)).size).toBe(89);
    const at = DateTime.fromISO('2022-03-01T00:00:00Z');
    const invalid = FEDERAL_SUBJECTS.filter((s) => !at.setZone(s.timeZone).isValid).map((s) => s.timeZone);
    expect(invalid).toEqual([]);
  });

  it('gives every name and alias to exactly one subject', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of FEDERAL_SUBJECTS) {
      for (const name of [s.name, ...s.aliases]) {
        const key = normaliseRegionName(name);
        const owner = owners.get(key);
        if (owner && owner !== s.code) clashes.push(`${name}: ${owner} and ${s.code}`);
        owners.set(key, s.code);
        expect(findFederalSubject(name)?.code).toBe(s.code);
      }
    }
    expect(clashes).toEqual([]);
  });
});
