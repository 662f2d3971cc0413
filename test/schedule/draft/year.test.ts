import { describe, expect, it } from 'vitest';
import { findYear } from '../../../src/schedule/draft/year.js';

describe('findYear', () => {
  it('reads the year a title names, before any approval date', () => {
    expect(findYear(['УТВЕРЖДЕНА приказом от 21.12.2023 № 1540', 'Дорожная карта на 2024 год'])).toEqual({ year: 2024, evidence: 'на 2024 год', settled: true });
  });

  it('reads a school year as its first year, for the reviewer to confirm', () => {
    expect(findYear(['План мероприятий на 2023/2024 учебный год'])).toEqual({ year: 2023, evidence: '2023/2024 учебный год', settled: false });
  });

  it('falls back to the approval date, for the reviewer to confirm', () => {
    expect(findYear(['Приложение № 4', 'от 21.02.2022 № 201'])).toMatchObject({ year: 2022, settled: false });
    expect(findYear(['от «21» февраля 2022 г.'])).toMatchObject({ year: 2022 });
  });

  it('finds nothing where no year is named', () => {
    expect(findYear(['Дорожная карта проекта «500+»'])).toBeNull();
  });
});
