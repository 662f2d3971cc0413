import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';

describe('openStore', () => {
  it('applies the committed migrations and turns foreign keys on', () => {
    const store = openStore(':memory:');
    const tables = store.sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['regions', 'schools', 'people', 'item_statuses', 'status_events', 'notifications']),
    );
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});
