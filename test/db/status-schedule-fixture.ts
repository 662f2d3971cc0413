/** A small schedule for the status import tests: one milestone of each scope, with and without confirm_by. */
import { parseScheduleText } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/types.js';

export const STATUS_TEST_SCHEDULE_YAML = `
id: test-2022
title: Тестовая дорожная карта
year: 2022
time_zone: Europe/Saratov
chain: [school, curator, municipal, regional]
milestones:
  - id: concept-docs
    title: Концептуальные документы в ИС МЭДК
    kind: plan_submission
    when: "14.02.2022 – 30.03.2022"
    scope: school
    assignee: school
    confirm_by: curator
  - id: first-visit
    title: Первичный выезд куратора в школу
    kind: visit
    when: "14.02.2022 – 01.03.2022"
    scope: school
    assignee: curator
  - id: curator-contracts
    title: Договоры с кураторами
    kind: payment
    when: "март 2022 года"
    scope: curator
    assignee: curator
  - id: municipal-roadmaps
    title: Муниципальные дорожные карты
    kind: plan_submission
    when: "21.03.2022"
    scope: municipality
    assignee: municipal
  - id: vks-weekly
    title: ВКС с кураторами
    kind: meeting
    when: "еженедельно по вторникам с 08.02.2022 по 05.07.2022"
    scope: region
    assignee: regional
`;

export function statusTestSchedule(): Schedule {
  const { schedule, problems } = parseScheduleText(STATUS_TEST_SCHEDULE_YAML, 'test-2022.yaml');
  if (!schedule) throw new Error(problems.map((p) => p.message).join('\n'));
  return schedule;
}
