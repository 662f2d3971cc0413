import { describe, expect, it } from 'vitest';
import { parseScheduleText } from '../../src/schedule/load.js';
import { formatProblem } from '../../src/schedule/schedule-file-error.js';
import { scheduleHeader } from '../fixtures/schedule-yaml.js';

/** Lines 5–8: the `systems` map; the milestones start on line 10. */
const SYSTEMS = `systems:
  medk: {name: ИС МЭДК, link: "https://500plus.obrnadzor.gov.ru/"}
  fis-oko: {name: ФИС ОКО}
  anketa: {name: системе «Электронная анкета»}
`;

function withSystems(systems: string, milestones: string): string {
  return scheduleHeader().replace('milestones:\n', `${systems}milestones:\n`) + milestones;
}

/** A school milestone (lines 10–15 when it is the first) with `extra` lines after `assignee`. */
function milestone(id: string, extra = ''): string {
  return `  - id: ${id}
    title: Документы ${id}
    kind: report
    when: "01.06.2022"
    scope: school
    assignee: school
${extra}`;
}

function problemsOf(text: string): string[] {
  return parseScheduleText(text, 'x.yaml').problems.map(formatProblem);
}

describe('parseScheduleText: systems', () => {
  it('gives a milestone its system\'s name and link; its own link wins, and a system without one leaves none', () => {
    const { schedule, problems } = parseScheduleText(
      withSystems(
        SYSTEMS,
        milestone('posted', '    system: medk\n') +
          milestone('form', '    system: fis-oko\n') +
          milestone('own-link', '    system: medk\n    link: https://fioco.ru/500plus\n') +
          milestone('plain'),
      ),
      'x.yaml',
    );
    expect(problems).toEqual([]);
    expect(schedule?.milestones.map((m) => [m.id, m.system, m.link])).toEqual([
      ['posted', { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' }, 'https://500plus.obrnadzor.gov.ru/'],
      ['form', { name: 'ФИС ОКО', link: null }, null],
      ['own-link', { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' }, 'https://fioco.ru/500plus'],
      ['plain', null, null],
    ]);
  });

  it('names the file, line and field of a system key the map does not define, and the keys it does', () => {
    expect(problemsOf(withSystems(SYSTEMS, milestone('posted', '    system: medkk\n')))).toEqual([
      'x.yaml:16:13 milestones[0].system: unknown system "medkk": expected a key of `systems` (anketa, fis-oko, medk)',
    ]);
    expect(problemsOf(withSystems('', milestone('posted', '    system: medk\n')))).toEqual([
      'x.yaml:12:13 milestones[0].system: unknown system "medk": the schedule has no `systems` map to define it in',
    ]);
  });

  it('accepts only http(s) links to a host, in a system and in a milestone alike, each at its value', () => {
    const systems = `systems:
  medk: {name: ИС МЭДК, link: "javascript:alert(1)"}
  fis-oko: {name: ФИС ОКО, link: "ftp://fisoko.obrnadzor.gov.ru/"}
  anketa: {name: системе «Электронная анкета», link: anketa}
`;
    expect(problemsOf(withSystems(systems, milestone('posted', '    system: medk\n    link: "http:/500plus"\n')))).toEqual([
      'x.yaml:6:31 systems.medk.link: expected an http(s) URL, e.g. https://500plus.obrnadzor.gov.ru/',
      'x.yaml:7:34 systems.fis-oko.link: expected an http(s) URL, e.g. https://500plus.obrnadzor.gov.ru/',
      'x.yaml:8:54 systems.anketa.link: expected an http(s) URL, e.g. https://500plus.obrnadzor.gov.ru/',
      'x.yaml:17:11 milestones[0].link: expected an http(s) URL, e.g. https://500plus.obrnadzor.gov.ru/',
    ]);
  });

  it('reports a wrong entry of the map once, at the entry, not again at the milestones that name it', () => {
    const systems = `systems:
  medk: {link: "https://500plus.obrnadzor.gov.ru/", url: x}
  Fis_Oko: {name: ФИС ОКО}
`;
    expect(problemsOf(withSystems(systems, milestone('posted', '    system: medk\n')))).toEqual([
      'x.yaml:6:9 systems.medk.name: required: expected string',
      'x.yaml:6:53 systems.medk.url: unknown field',
      'x.yaml:7:3 systems.Fis_Oko: expected a kebab-case id of a-z, 0-9 and single dashes, e.g. "vks-weekly"',
    ]);
  });
});
