/**
 * What any roster cell must not be, whatever its column: too long, holding control characters, an Excel error
 * value (#REF!, #N/A), a date Excel made of what was typed, or, in a code or a name, a formula. Such a value
 * taken as a school code would be a new school and deactivate the real one; taken as a name, it would reach
 * Telegram messages and the exports.
 */
import { quoted } from '../domain/quote.js';
import type { CellKind } from './columns.js';

/** A school code: at most this many characters, all of them visible. */
export const MAX_CODE_LENGTH = 32;
/** Any other cell: a school's full official name fits well within it. */
export const MAX_TEXT_LENGTH = 300;

const ERROR_VALUE = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!|ERROR!)$/i;
/** 30.03.2022, 30/03/22, 2022-03-30, with a time or not; and a JavaScript date's text (Wed Mar 30 2022 ...). */
const DATE = /^(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} \d{2} \d{4} /;
/** `=…`, `+…` and `@…` are formulas to a spreadsheet; `-…` is one when a number, a bracket or an operator follows. */
const FORMULA = /^[=+@]|^-\s*[\d(=+\-@]|^-.*[|!(]/;
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** Codes also refuse what prints as nothing: format characters (zero-width spaces, soft hyphens), private use. */
const INVISIBLE = /[\p{C}]/u;

/** What is wrong with a non-empty cell of this kind, or null when nothing is. */
export function cellProblem(kind: CellKind, value: string): string | null {
  const max = kind === 'code' ? MAX_CODE_LENGTH : MAX_TEXT_LENGTH;
  if (value.length > max) return `${quoted(value)} is longer than ${max} characters: expected ${kind === 'code' ? 'a school code' : 'one value'}`;
  const control = (kind === 'code' ? INVISIBLE : CONTROL).exec(value)?.[0];
  if (control !== undefined) {
    const code = `U+${(control.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `${quoted(value)} holds the invisible character ${code}: retype the value`;
  }
  if (ERROR_VALUE.test(value)) return `${quoted(value)} is an Excel error value, not data: the formula in the cell failed; type the value itself`;
  if (kind === 'text') return null;
  if (DATE.test(value)) {
    return `${quoted(value)} is a date: Excel turned what was typed into one; format the column as text and type the ${kind === 'code' ? 'code' : 'name'} again`;
  }
  if (FORMULA.test(value)) return `${quoted(value)} looks like a spreadsheet formula: expected a ${kind === 'code' ? 'school code' : 'name'}`;
  return null;
}
