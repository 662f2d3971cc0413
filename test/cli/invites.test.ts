import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openStore } from '../../src/db/client.js';
import { redeemInvite } from '../../src/db/invites.js';
import { people } from '../../src/db/schema.js';
import { type RosterFixture, seedRoster } from '../db/roster-fixture.js';
import { stringMatching } from '../support/matchers.js';
import { runCaptured } from '../support/run-cli.js';

describe('roadmap-bot invites', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let f: RosterFixture;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-invites-'));
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), BOT_USERNAME: 'school500_bot', NOW: '2022-02-01T12:00:00+04:00', INVITE_TTL_DAYS: '14' };
    const store = openStore(env.DATABASE_PATH ?? '');
    f = seedRoster(store);
    store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a mail-merge CSV with a BOM, a header and one working deep link per person of a region', async () => {
    const result = await runCaptured(['invites', '--region', 'Камчатский край', '--format', 'csv'], env);
    expect(result.code).toBe(0);
    expect(result.out.startsWith('\uFEFFperson_id;full_name;role;')).toBe(true);
    const rows = parse<Record<string, string>>(result.out, { bom: true, delimiter: ';', columns: true });
    expect(rows.map((r) => [r.full_name, r.role, r.school_code])).toEqual([
      ['Зайцев Павел Олегович', 'regional', ''],
      ['Петров Алексей Николаевич', 'curator', ''],
      ['Лебедева Ирина Юрьевна', 'school', '640001'],
    ]);
    expect(rows[2]).toMatchObject({ municipality: 'Елизовский район', school_name: 'МБОУ Елизовская СОШ № 1', expires_at: stringMatching(/^2022-02-15T08:00:/) });

    const code = /^https:\/\/t\.me\/school500_bot\?start=([A-Za-z0-9_-]{22})$/.exec(rows[2]?.link ?? '')?.[1] ?? '';
    const store = openStore(env.DATABASE_PATH ?? '');
    const now = DateTime.fromISO('2022-02-02T10:00:00Z');
    expect(redeemInvite(store, code, '9001', '9001', now)).toMatchObject({ outcome: 'bound', person: { id: f.person.repK1 } });
    store.close();
  });

  it('writes names and phones that look like formulas as text Excel will not evaluate', async () => {
    const store = openStore(env.DATABASE_PATH ?? '');
    const fullName = '=HYPERLINK("http://x.example/","Лебедева")';
    const phone = "+7-1+cmd|' /C calc'!A0";
    store.db.update(people).set({ fullName, phone }).where(eq(people.id, f.person.repK1)).run();
    store.close();
    const result = await runCaptured(['invites', '--person', String(f.person.repK1), '--format', 'csv'], env);
    expect(result.out).toContain(`;"'=HYPERLINK(""http://x.example/"",""Лебедева"")";`);
    expect(result.out).not.toMatch(/;[=+\-@]/);
    const [row] = parse<Record<string, string>>(result.out, { bom: true, delimiter: ';', columns: true });
    expect(row).toMatchObject({ full_name: `'${fullName}`, phone: `'${phone}` });
  });

  it('lists one person as text, and a second run revokes the first link', async () => {
    const first = await runCaptured(['invites', '--person', String(f.person.repB1)], env);
    expect(first.out).toMatch(
      /^Смирнова Анна Павловна \(school; Саратовская область \/ Балаковский район \/ 640001 МОУ СОШ № 1 г\. Балаково\): https:\/\/t\.me\/school500_bot\?start=[A-Za-z0-9_-]{22}$/,
    );
    await runCaptured(['invites', '--person', String(f.person.repB1)], env);
    const store = openStore(env.DATABASE_PATH ?? '');
    const code = first.out.split('start=')[1] ?? '';
    expect(redeemInvite(store, code, '9001', '9001', DateTime.fromISO('2022-02-02T10:00:00Z'))).toEqual({ outcome: 'revoked' });
    store.close();
  });

  it('with --pending lists only the people who have not started the bot, for a reminder by e-mail', async () => {
    const first = await runCaptured(['invites', '--region', 'Камчатский край', '--format', 'csv'], env);
    const [, , school] = parse<Record<string, string>>(first.out, { bom: true, delimiter: ';', columns: true });
    const store = openStore(env.DATABASE_PATH ?? '');
    const code = school?.link?.split('start=')[1] ?? '';
    expect(redeemInvite(store, code, '9001', '9001', DateTime.fromISO('2022-02-02T10:00:00Z')).outcome).toBe('bound');
    store.close();

    const pending = await runCaptured(['invites', '--region', 'Камчатский край', '--pending', '--format', 'csv'], env);
    expect(pending.code).toBe(0);
    const rows = parse<Record<string, string>>(pending.out, { bom: true, delimiter: ';', columns: true });
    expect(rows.map((r) => [r.full_name, r.registered])).toEqual([
      ['Зайцев Павел Олегович', 'no'],
      ['Петров Алексей Николаевич', 'no'],
    ]);
    const text = await runCaptured(['invites', '--person', String(f.person.repK1), '--pending'], env);
    expect([text.code, text.out, text.err]).toEqual([0, '', 'Everyone of the 1 matching people has started the bot: nobody to remind.']);
  });

  it('says which region it could not find, and rejects a bad format', async () => {
    expect(await runCaptured(['invites', '--region', 'RU-TVE'], env)).toMatchObject({ code: 1, err: stringMatching(/No region "RU-TVE"/) });
    expect(await runCaptured(['invites', '--format', 'xlsx'], env)).toMatchObject({ code: 1, err: stringMatching(/--format must be text or csv/) });
  });
});
