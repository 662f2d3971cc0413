/**
 * What the roster's error tests share: the issues a refused import lists, one `row|column|message` line each,
 * and a fingerprint of a database file to show a refused import left it byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { Store } from '../../src/db/client.js';
import { importRoster } from '../../src/roster/import.js';
import { RosterError } from '../../src/roster/issues.js';

export const NOW = DateTime.fromISO('2022-02-01T09:00:00Z');

/** The issues of an import that must be refused, as `row|column|message` (`-` where there is none). */
export async function refusedIssues(store: Store, path: string): Promise<string[]> {
  const error = await importRoster(store.db, path, { now: NOW }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterError);
  return (error as RosterError).issues.map((i) => `${i.row ?? '-'}|${i.column ?? '-'}|${i.message}`);
}

/** The database file's sha256 and its WAL's size, after a checkpoint: equal before and after means untouched. */
export function databaseFingerprint(store: Store, path: string): [string, number] {
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const wal = `${path}-wal`;
  return [createHash('sha256').update(readFileSync(path)).digest('hex'), existsSync(wal) ? statSync(wal).size : 0];
}
