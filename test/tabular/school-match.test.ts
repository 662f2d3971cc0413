import { describe, expect, it } from 'vitest';
import { normaliseSchoolName, SchoolMatcher } from '../../src/tabular/school-match.js';

const schools = [
  { id: 1, code: '640001', name: 'МОУ «СОШ № 5» г. Балаково', regionId: 1 },
  { id: 2, code: '640002', name: 'МБОУ Лицей № 2 г. Балаково', regionId: 1 },
  { id: 3, code: '640001', name: 'МБОУ Елизовская СОШ № 1', regionId: 2 },
  { id: 4, code: '640003', name: 'МОУ Гимназия № 1 г. Энгельса', regionId: 1 },
];

describe('normaliseSchoolName', () => {
  it('takes away quotes, legal forms, abbreviations, the number sign spacing, ё and case', () => {
    expect(normaliseSchoolName('МОУ «СОШ №5» г. Балаково')).toBe(
      normaliseSchoolName('Муниципальное общеобразовательное учреждение "Средняя общеобразовательная школа № 5" города Балаково'),
    );
    expect(normaliseSchoolName('МБОУ «Лицей № 2»')).toBe('лицей №2');
  });
});

describe('SchoolMatcher', () => {
  const matcher = () => new SchoolMatcher(schools);

  it('finds a school by its code within the region', () => {
    expect(matcher().match('640001', '', 1)).toEqual({ school: schools[0] });
    expect(matcher().match('640001', '', 2)).toEqual({ school: schools[2] });
  });

  it('asks for a region when a code is used in two regions', () => {
    expect(matcher().match('640001', '', null)).toEqual({ problem: expect.stringContaining('add a region column') as string });
  });

  it('finds a school by its name written another way when no code is given', () => {
    expect(matcher().match('', 'Средняя общеобразовательная школа №5 г. Балаково', 1)).toEqual({ school: schools[0] });
    expect(matcher().match('', 'лицей № 2 г. балаково', null)).toEqual({ school: schools[1] });
  });

  it('suggests the closest names of the region when none matches', () => {
    const result = matcher().match('', 'Гимназия № 1 г. Энгельс', 1);
    expect(result).toEqual({ problem: expect.stringContaining('did you mean "МОУ Гимназия № 1 г. Энгельса" (640003)') as string });
  });

  it('falls back to the name when the code is unknown', () => {
    expect(matcher().match('999', 'МБОУ Лицей №2 г. Балаково', 1)).toEqual({ school: schools[1] });
  });
});
