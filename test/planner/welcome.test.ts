import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { renderBundle } from '../../src/delivery/render.js';
import type { ItemRef } from '../../src/domain/status.js';
import { itemKeyPrefix } from '../../src/planner/keys.js';
import { planWelcome, WELCOME_ITEMS, type WelcomeItem, type WelcomeRequest } from '../../src/planner/welcome.js';
import { due, milestone } from '../fixtures/schedule-builders.js';

const ZONE = 'Europe/Saratov';
const NOW = DateTime.fromISO('2022-05-31T10:00', { zone: ZONE });
const SCHOOL = 'МОУ СОШ № 1 г. Балаково';

const ref = (id: string, school = 1): ItemRef => ({ scheduleId: 's', occurrenceKey: id, subject: { type: 'school', id: school } });
const item = (id: string, dueOn: string, extra: Partial<WelcomeItem> = {}): WelcomeItem => ({
  milestone: milestone(id, due(dueOn), { title: `Пункт ${id}`, confirmBy: 'curator' }),
  ref: ref(id),
  subjectName: SCHOOL,
  subjectCode: null,
  due: dueOn,
  status: 'pending',
  capacity: 'assignee',
  ...extra,
});
const request = (items: WelcomeItem[], extra: Partial<WelcomeRequest> = {}): WelcomeRequest => ({
  person: { id: 7, role: 'school' },
  zone: ZONE,
  now: NOW,
  bundleKey: '7@2022-05-31/welcome-20220531T060000',
  days: 14,
  intro: { name: 'Смирнова Анна Павловна', role: 'school', region: 'Саратовская область', municipality: '', schools: SCHOOL, count: 1 },
  items,
  inBundle: new Set(),
  ...extra,
});

describe('planWelcome', () => {
  it('heads the greeting with the items the person must act on now, soonest first, each with its buttons', () => {
    const planned = planWelcome(request([
      item('later', '2022-06-20'),
      item('soon', '2022-06-01'),
      item('late', '2022-05-27'),
      item('handed-in', '2022-06-01', { status: 'submitted' }),
      item('done', '2022-06-01', { status: 'confirmed' }),
      item('to-confirm', '2022-06-02', { capacity: 'confirmer', status: 'submitted' }),
      item('not-yet-handed-in', '2022-06-02', { capacity: 'confirmer', status: 'pending' }),
    ]));
    expect(planned.map((n) => `${n.kind} ${n.item?.occurrenceKey ?? ''}`)).toEqual(['welcome ', 'overdue late', 'reminder soon', 'confirm_reminder to-confirm']);
    expect(planned.every((n) => n.bundleKey === '7@2022-05-31/welcome-20220531T060000' && n.sendAt === '2022-05-31T06:00:00.000Z')).toBe(true);
    expect(planned[2]?.buttons.map((b) => b.action)).toEqual(['submit', 'in_progress', 'help']);
    expect(planned[3]?.buttons.map((b) => b.action)).toEqual(['confirm', 'return']);
    // the scheduler's own dedupe key up to the step: no second line about the item that day
    expect(planned[2]?.dedupeKey).toBe(`${itemKeyPrefix(ref('soon'))}7/welcome`);
  });

  it('leaves the items of the day\'s bundle to it, and counts what does not fit', () => {
    const many = Array.from({ length: WELCOME_ITEMS + 3 }, (_, i) => item(`m${i}`, '2022-06-05'));
    const planned = planWelcome(request(many, { inBundle: new Set([itemKeyPrefix(ref('m0'))]) }));
    expect(planned.filter((n) => n.kind !== 'welcome')).toHaveLength(WELCOME_ITEMS);
    expect(planned.some((n) => n.item?.occurrenceKey === 'm0')).toBe(false);
    expect(planned[0]?.params.more).toBe(2);
  });

  it('renders as one message: the greeting, «Что сделать сейчас», then the numbered items and their buttons', () => {
    const [message, ...rest] = renderBundle(planWelcome(request([item('a', '2022-06-01'), item('b', '2022-05-30')])));
    expect(rest).toEqual([]);
    expect(message?.text).toMatch(
      /^Здравствуйте, Смирнова Анна Павловна! Вы подключены как представитель школы\.\nВаша школа: МОУ СОШ № 1 г\. Балаково\.\n\nЧто сделать сейчас:\n\n1\. Срок по пункту «Пункт b»[^\n]*\n\n2\. Напоминание по пункту «Пункт a»: срок — до 01\.06\./,
    );
    expect(message?.buttons.flat().map((b) => b.label)).toContain('1. Разместили документы');
    expect(message?.kinds).toEqual(['welcome', 'overdue', 'reminder']);
  });

  it('says that nothing is due when nothing is, in a message without buttons', () => {
    const [message] = renderBundle(planWelcome(request([item('far', '2022-09-01')])));
    expect(message?.text).toMatch(/Ваша школа: МОУ СОШ № 1 г\. Балаково\.\n\nНа ближайшие 14 дн\. открытых вопросов нет\.$/);
    expect(message?.buttons).toEqual([]);
  });

  it('words each item as the day\'s reminders do: the system and its link, a payment\'s closing documents, a shared name\'s code', () => {
    const medk = { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' };
    const posted = item('posted', '2022-06-01', {
      milestone: milestone('posted', due('2022-06-01'), { title: 'Документы 1 этапа', confirmBy: 'curator', system: medk, link: medk.link }),
      subjectCode: 'sch640039',
    });
    const payment = item('pay', '2022-06-03', {
      milestone: milestone('pay', due('2022-06-03'), { title: 'Оплата 1 этапа', kind: 'payment', assignee: 'curator', scope: 'curator' }),
      ref: { scheduleId: 's', occurrenceKey: 'pay', subject: { type: 'curator', id: 3 } },
      subjectName: 'Иванов И. И.',
    });
    const planned = planWelcome(request([posted, payment]));
    expect(planned.map((n) => n.templateId)).toEqual(['welcome', 'reminder', 'reminder-closing-docs']);
    const [message] = renderBundle(planned);
    expect(message?.text).toContain(
      '1. Напоминание по пункту «Документы 1 этапа»: срок — до 01.06. Остался 1 день.\nРазместите документы в ИС МЭДК.\nСсылка: https://500plus.obrnadzor.gov.ru/',
    );
    expect(message?.text).toContain('2. Сдайте закрывающие документы по пункту «Оплата 1 этапа» до 03.06.');
    expect(planned[1]?.params).toMatchObject({ subject: SCHOOL, subjectCode: 'sch640039' });
  });
});
