/**
 * Reading stored values back into the domain's vocabulary, and building WHERE clauses from optional filters,
 * the same way for every table.
 */
import { and, type SQL } from 'drizzle-orm';

/** A text column's value as one of the domain's literals; anything else means the file was written by hand. */
export function oneOf<T extends string>(values: readonly T[], value: string, where: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`${where}: unknown value "${value}"`);
  return found;
}

/** Every condition that applies (a filter field left unset gives `false`), joined with AND. */
export function allOf(...conditions: (SQL | false | undefined)[]): SQL | undefined {
  return and(...conditions.filter((c): c is SQL => c !== false && c !== undefined));
}
