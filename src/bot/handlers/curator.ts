/**
 * A curator's buttons: «Подтверждаю», «Вернуть на доработку» (asks a comment, which goes to the school at
 * once), «Посетил(а) школу» and «Закрывающие документы сданы» (both finish the item), «Напомнить школе»
 * (under a late school's item: the school gets a nudge now).
 */
import { remindSchool } from './nudge.js';
import { ask, finishedStatus, type ItemAction, pressMove } from './press.js';

const confirm: ItemAction = async (press) => {
  await pressMove(press, 'confirmed');
};

const returnForRework: ItemAction = (press) => ask(press, 'return_comment', 'bot-ask-return-comment');

const finish: ItemAction = async (press) => {
  await pressMove(press, finishedStatus(press.milestone, press.person));
};

export const curatorActions = { confirm, return: returnForRework, visited: finish, closing_docs: finish, remind_school: remindSchool } as const;
