import { describe, expect, it } from 'vitest';
import { CellWordError, readCell, statusOf } from '../../src/tabular/cell-words.js';

const read = (text: string) => readCell(text, 2022);

describe('readCell', () => {
  it.each([
    ['да', { kind: 'complete', date: null }],
    ['+', { kind: 'complete', date: null }],
    ['Выполнено', { kind: 'complete', date: null }],
    ['выполнено 28.05', { kind: 'complete', date: '2022-05-28' }],
    ['подтверждено 28.05.2022', { kind: 'complete', date: '2022-05-28' }],
    ['28.05', { kind: 'complete', date: '2022-05-28' }],
    ['2022-05-28', { kind: 'complete', date: '2022-05-28' }],
    ['размещено 28.05', { kind: 'submitted' }],
    ['ждёт куратора', { kind: 'submitted' }],
    ['на проверке', { kind: 'submitted' }],
    ['в работе', { kind: 'in_progress', plannedDate: null }],
    ['в работе до 15.06', { kind: 'in_progress', plannedDate: '2022-06-15' }],
    ['обещают 15.06', { kind: 'in_progress', plannedDate: '2022-06-15' }],
    ['до 15.06.22', { kind: 'in_progress', plannedDate: '2022-06-15' }],
    ['на доработке: нет подписи директора', { kind: 'returned', comment: 'нет подписи директора' }],
    ['на доработке', { kind: 'returned', comment: null }],
    ['не требуется: школа вышла из проекта', { kind: 'not_applicable', comment: 'школа вышла из проекта' }],
    ['нет', { kind: 'pending' }],
    ['—', { kind: 'pending' }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
  ])('reads %j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('refuses words it does not know, naming the cell and what it expects', () => {
    expect(() => read('может быть')).toThrow(CellWordError);
    expect(() => read('может быть')).toThrow('"может быть": expected a status word');
  });

  it('refuses a word followed by anything but a date', () => {
    expect(() => read('да, но без подписи')).toThrow('after "да" only a date may follow');
  });

  it('refuses a promise without its date and a date that is no day', () => {
    expect(() => read('обещают')).toThrow('"обещают" needs a date');
    expect(() => read('31.06')).toThrow('"31.06" is not a date');
  });

  it('does not take a word for the start of a longer one', () => {
    expect(() => read('нетто')).toThrow(CellWordError);
  });

  it('quotes only the start of a very long cell', () => {
    const message = (() => {
      try {
        read('ы'.repeat(10_000));
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message.length).toBeLessThan(300);
  });
});

describe('statusOf', () => {
  it('reads a finished or handed-in cell by whether the milestone needs confirmation', () => {
    expect(statusOf({ kind: 'complete', date: null }, true)).toBe('confirmed');
    expect(statusOf({ kind: 'complete', date: null }, false)).toBe('done');
    expect(statusOf({ kind: 'submitted' }, true)).toBe('submitted');
    expect(statusOf({ kind: 'submitted' }, false)).toBe('done');
    expect(statusOf({ kind: 'none' }, true)).toBeNull();
  });
});
