import { loadConfig } from '../config/env.js';
import { openStore } from '../db/client.js';
import { inviteLink, type InviteRecipient, inviteRecipients, issueInvites } from '../db/invites.js';
import { findRegion } from '../db/roster.js';
import { type Command, UsageError } from './io.js';
import { parseOptions } from './options.js';
import { configuredClock } from './command-support.js';
import { csvField } from '../tabular/cell-text.js';

const USAGE = `Usage: roadmap-bot invites [--region CODE|NAME] [--person ID] [--pending] [--format text|csv]

Issues a fresh invite to everyone on the roster (or one region, or one person) and prints one deep link
https://t.me/<BOT_USERNAME>?start=<code> per person. Earlier unused codes of those people stop working.
--pending: only the people who have not started the bot yet, for a reminder by e-mail.
Codes last INVITE_TTL_DAYS days. --format csv writes a mail-merge file: UTF-8 with a BOM, ';'-separated,
as Russian Excel opens it.`;

const CSV_COLUMNS = [
  'person_id',
  'full_name',
  'role',
  'region',
  'municipality',
  'school_code',
  'school_name',
  'email',
  'phone',
  'registered',
  'link',
  'expires_at',
] as const;

/** Where a person belongs, for the text listing: "Region / Municipality / 640001 School". */
function place(r: InviteRecipient): string {
  const school = r.schoolCode === null ? null : `${r.schoolCode} ${r.schoolName ?? ''}`.trim();
  return [r.region, r.municipality, school].filter((p) => p !== null).join(' / ');
}

/** `roadmap-bot invites [--region CODE|NAME] [--person ID] [--pending] [--format text|csv]`. */
export const invitesCommand: Command = (argv, io) => {
  const { values: options } = parseOptions(
    {
      args: argv,
      options: { region: { type: 'string' }, person: { type: 'string' }, pending: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' } },
      allowPositionals: false,
    },
    USAGE,
  );
  if (options.format !== 'text' && options.format !== 'csv') {
    throw new UsageError(`--format must be text or csv, got "${options.format}"\n\n${USAGE}`);
  }
  if (options.person !== undefined && !/^\d+$/.test(options.person)) {
    throw new UsageError(`--person must be a person id (a number), got "${options.person}"`);
  }
  const config = loadConfig(io.env);
  const now = configuredClock(config).now();
  const store = openStore(config.DATABASE_PATH);
  try {
    let regionId: number | undefined;
    if (options.region !== undefined) {
      const region = findRegion(store, options.region);
      if (!region) throw new UsageError(`No region "${options.region}" in ${config.DATABASE_PATH}`);
      regionId = region.id;
    }
    const personId = options.person === undefined ? undefined : Number(options.person);
    const matching = inviteRecipients(store, { regionId, personId });
    // a reminder goes to those who have not joined; their earlier links are replaced by the fresh ones
    const recipients = options.pending ? matching.filter((r) => !r.registered) : matching;
    if (matching.length === 0) {
      io.err('Nobody to invite: no matching person on the roster (people who left are skipped).');
      return 1;
    }
    if (recipients.length === 0) {
      io.err(`Everyone of the ${matching.length} matching people has started the bot: nobody to remind.`);
      return 0;
    }
    const issued = issueInvites(
      store,
      recipients.map((r) => r.personId),
      { now, ttlDays: config.INVITE_TTL_DAYS },
    );
    const rows = recipients.map((r, i) => {
      const invite = issued[i];
      if (!invite || invite.personId !== r.personId) throw new Error(`Invite ${i} does not match its recipient`);
      return { r, link: inviteLink(config.BOT_USERNAME, invite.code), expiresAt: invite.expiresAt };
    });
    if (options.format === 'csv') {
      const lines = [
        CSV_COLUMNS.join(';'),
        ...rows.map(({ r, link, expiresAt }) =>
          [r.personId, r.fullName, r.role, r.region, r.municipality, r.schoolCode, r.schoolName, r.email, r.phone, r.registered ? 'yes' : 'no', link, expiresAt]
            .map((value) => csvField(value))
            .join(';'),
        ),
      ];
      io.out(`\uFEFF${lines.join('\r\n')}\r\n`);
    } else {
      io.out(rows.map(({ r, link }) => `${r.fullName} (${r.role}; ${place(r)}): ${link}`).join('\n'));
    }
    io.err(`Issued ${issued.length} invite(s), valid until ${issued[0]?.expiresAt ?? ''}; earlier unused codes of these people are revoked.`);
    return 0;
  } finally {
    store.close();
  }
};
