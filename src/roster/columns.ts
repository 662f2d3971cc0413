import { quoted } from '../domain/quote.js';
import type { RowIssue } from '../tabular/row-issues.js';

/** The people a roster row names, one column each. */
export const PERSON_COLUMNS = ['schoolContact', 'curator', 'municipalCoordinator', 'regionalCoordinator'] as const;
export type PersonColumn = (typeof PERSON_COLUMNS)[number];

/** What a roster column holds. */
export type RosterField =
  | 'region'
  | 'municipality'
  | 'schoolCode'
  | 'schoolName'
  | 'timeZone'
  | PersonColumn
  | `${PersonColumn}Email`
  | `${PersonColumn}Phone`;

/**
 * What a cell may hold, beyond its field's own checks: a school code (short, printable), a name (of a school,
 * a municipality, a person) or other text (a region, an e-mail, a phone, a time zone).
 */
export type CellKind = 'code' | 'name' | 'text';

interface FieldSpec {
  field: RosterField;
  required: boolean;
  kind: CellKind;
  /** Accepted headers; the first is the one the template uses, the second its English name. */
  headers: string[];
}

interface PersonHeaders {
  /** The column naming the person. */
  name: string[];
  /** The person in the genitive, for "E-mail куратора", "Телефон куратора". */
  genitive: string[];
  english: string[];
}

const PERSON_HEADERS: Record<PersonColumn, PersonHeaders> = {
  schoolContact: {
    name: ['Контактное лицо ОО', 'School contact', 'Ответственный ОО', 'Контактное лицо', 'Ответственный', 'Представитель ОО', 'Директор ОО', 'Директор'],
    genitive: ['контактного лица', 'контактного лица ОО', 'ответственного ОО', 'ответственного', 'ОО', 'директора'],
    english: ['School contact', 'Contact', 'School'],
  },
  curator: {
    name: ['Куратор', 'Curator', 'Куратор ОО'],
    genitive: ['куратора'],
    english: ['Curator'],
  },
  municipalCoordinator: {
    name: ['Муниципальный координатор', 'Municipal coordinator'],
    genitive: ['муниципального координатора'],
    english: ['Municipal coordinator'],
  },
  regionalCoordinator: {
    name: ['Региональный координатор', 'Regional coordinator'],
    genitive: ['регионального координатора'],
    english: ['Regional coordinator'],
  },
};

function personSpecs(column: PersonColumn, required: boolean): FieldSpec[] {
  const { name, genitive, english } = PERSON_HEADERS[column];
  return [
    { field: column, required, kind: 'name', headers: [...name, ...genitive.map((g) => `ФИО ${g}`)] },
    {
      field: `${column}Email`,
      required: false,
      kind: 'text',
      headers: [...genitive.map((g) => `E-mail ${g}`), ...english.map((e) => `${e} e-mail`)],
    },
    {
      field: `${column}Phone`,
      required: false,
      kind: 'text',
      headers: [...genitive.map((g) => `Телефон ${g}`), ...english.map((e) => `${e} phone`)],
    },
  ];
}

/** Every column a roster may have, in template order. */
export const ROSTER_COLUMNS: readonly FieldSpec[] = [
  { field: 'region', required: true, kind: 'text', headers: ['Регион', 'Region', 'Субъект РФ', 'Субъект'] },
  {
    field: 'municipality',
    required: true,
    kind: 'name',
    headers: ['Муниципалитет', 'Municipality', 'Муниципальное образование', 'Муниципальный район', 'МО'],
  },
  { field: 'schoolCode', required: true, kind: 'code', headers: ['Код ОО', 'School code', 'Код'] },
  { field: 'schoolName', required: true, kind: 'name', headers: ['Наименование ОО', 'School name', 'Название ОО', 'Школа'] },
  ...personSpecs('schoolContact', false),
  ...personSpecs('curator', true),
  ...personSpecs('municipalCoordinator', true),
  ...personSpecs('regionalCoordinator', true),
  { field: 'timeZone', required: false, kind: 'text', headers: ['Часовой пояс', 'Time zone', 'Timezone'] },
];

/** Columns a coordinator's sheet often carries that say nothing the bot needs. */
const IGNORED_HEADERS = ['№', '№ п/п', 'N', 'No', '#', 'Примечание', 'Примечания', 'Комментарий', 'Note', 'Notes', 'Comment'];

/** Phrases that mean the same in a header, reduced to one word. */
const HEADER_PHRASES: [string, string][] = [
  ['адрес электронной почты', 'email'],
  ['электронная почта', 'email'],
  ['эл почта', 'email'],
  ['общеобразовательной организации', 'оо'],
  ['общеобразовательная организация', 'оо'],
  ['образовательной организации', 'оо'],
  ['образовательная организация', 'оо'],
  ['школы', 'оо'],
  ['тел', 'телефон'],
  ['фамилия имя отчество', 'фио'],
];

/** Case, ё, punctuation, spacing and wording differences removed: "E-mail  куратора" = "email куратора". */
export function normaliseHeader(header: string): string {
  let text = ` ${header
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/e[\s\-‐‑–—]*mail/g, 'email')
    .replace(/[^\p{L}\p{N}№#]+/gu, ' ')
    .trim()} `;
  for (const [phrase, word] of HEADER_PHRASES) text = text.replaceAll(` ${phrase} `, ` ${word} `);
  return text.trim();
}

const fieldByHeader = new Map<string, RosterField>();
for (const spec of ROSTER_COLUMNS) {
  for (const header of spec.headers) fieldByHeader.set(normaliseHeader(header), spec.field);
}
const ignored = new Set(IGNORED_HEADERS.map(normaliseHeader));
const specByField = new Map(ROSTER_COLUMNS.map((spec) => [spec.field, spec]));

/** What a field's cells hold (see {@link CellKind}). */
export function cellKind(field: RosterField): CellKind {
  return specByField.get(field)?.kind ?? 'text';
}

/** The header a field is written with in the template, e.g. "Куратор" (or "Curator" in English). */
export function templateHeader(field: RosterField, language: 'ru' | 'en' = 'ru'): string {
  const headers = specByField.get(field)?.headers ?? [field];
  return (language === 'en' ? headers[1] : headers[0]) ?? field;
}

/** Which column holds which field, and the header as the file writes it (for error messages). */
export interface ColumnMap {
  index: Map<RosterField, number>;
  header: Map<RosterField, string>;
}

/**
 * Recognises a header row. Unknown columns are an error rather than ignored: a misspelt optional header
 * ("Телефон курартора") would otherwise drop its data silently. "№" and note columns are ignored.
 * @param hasData whether column `i` holds any value below the header
 */
export function mapHeaders(
  headers: string[],
  headerRow: number,
  hasData: (i: number) => boolean,
): { columns: ColumnMap; issues: RowIssue[] } {
  const columns: ColumnMap = { index: new Map(), header: new Map() };
  const issues: RowIssue[] = [];
  const unknown: string[] = [];
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    if (key === '') {
      if (hasData(i)) issues.push({ row: headerRow, message: `column ${i + 1} has values but no header` });
      return;
    }
    if (ignored.has(key)) return;
    const field = fieldByHeader.get(key);
    if (field === undefined) {
      unknown.push(header);
      return;
    }
    const earlier = columns.header.get(field);
    if (earlier !== undefined) {
      issues.push({ row: headerRow, column: header, message: `the same column as "${earlier}"` });
      return;
    }
    columns.index.set(field, i);
    columns.header.set(field, header);
  });
  if (unknown.length > 0) {
    issues.push({
      row: headerRow,
      message:
        `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => quoted(h)).join(', ')}; ` +
        `expected ${ROSTER_COLUMNS.map((s) => `"${templateHeader(s.field)}"`).join(', ')} ` +
        `(or the English ${ROSTER_COLUMNS.map((s) => `"${templateHeader(s.field, 'en')}"`).join(', ')}); ` +
        `"№" and "Примечание" columns are ignored`,
    });
  }
  for (const spec of ROSTER_COLUMNS) {
    if (spec.required && !columns.index.has(spec.field)) {
      issues.push({
        row: headerRow,
        message: `missing column "${templateHeader(spec.field)}" (or "${templateHeader(spec.field, 'en')}")`,
      });
    }
  }
  return { columns, issues };
}
