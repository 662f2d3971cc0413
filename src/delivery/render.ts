/**
 * Planned notifications → the Telegram messages people read. All wording comes from the Fluent files in
 * `templates/ru/`; this module only assembles: one message per bundle (items numbered when there are
 * several), each item's buttons under it, split only where Telegram's 4096-character limit forces it.
 * A missing template or variable throws a `RenderError`, so a test catches it before a send does.
 */
import { FluentBundle, FluentDateTime, FluentResource, type FluentVariable } from '@fluent/bundle';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ButtonAction, Params, ParamValue, PlannedNotification } from '../domain/notification.js';
import type { ItemRef } from '../domain/status.js';
import { clampText, MAX_COMMENT_LENGTH } from '../domain/user-text.js';

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** A digest fits one phone screen: it is cut to this, never split. */
export const DIGEST_TEXT_LIMIT = 1500;
/** Unreachable people are named up to this many characters, else counted. */
const DIGEST_NAMES_LIMIT = 200;

export const TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates/ru');

export class RenderError extends Error {
  override name = 'RenderError';
}

export interface RenderedButton {
  label: string;
  action: ButtonAction;
  ref: ItemRef | null;
}

export interface RenderedMessage {
  recipientId: number;
  bundleKey: string;
  /** Kinds of the items in this message, in order. */
  kinds: string[];
  /** Dedupe keys of the items in this message. */
  dedupeKeys: string[];
  text: string;
  /** Rows of inline buttons. */
  buttons: RenderedButton[][];
}

export interface Renderer {
  /**
   * One or more messages for the notifications of one bundle (several bundles are rendered in turn). A
   * coordinator's bundle is one screen (`coordinatorScreen`) unless `whole` asks for every item (the
   * «Показать все» press).
   */
  renderBundle(notifications: readonly PlannedNotification[], options?: { whole?: boolean }): RenderedMessage[];
  /** The text of one notification alone. */
  renderText(notification: PlannedNotification): string;
  /** Any message of the templates by id (the bot's own replies), with parameters. */
  format(id: string, params?: Params): string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `<name>Code` beside a name parameter: the code to show with the name (see `Params`). */
const CODE_SUFFIX = 'Code';

/** A calendar date becomes a Fluent date fixed to UTC midnight, so DATETIME() shows that same day anywhere. */
function toFluent(value: ParamValue): FluentVariable | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    // a comment or a name someone typed (or imported) is quoted, not pasted whole: one message stays one
    if (!LOCAL_DATE.test(value)) return clampText(value, MAX_COMMENT_LENGTH);
    const [y, m, d] = value.split('-').map(Number);
    return new FluentDateTime(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1), { timeZone: 'UTC' });
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return null;
}

function fluentArgs(params: Params): Record<string, FluentVariable> {
  const args: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(params)) {
    const converted = toFluent(value);
    if (converted !== null) args[name] = converted;
  }
  return args;
}

function loadBundle(dir: string): FluentBundle {
  const bundle = new FluentBundle('ru', { useIsolating: false });
  const files = readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort();
  if (files.length === 0) throw new RenderError(`No .ftl templates in ${dir}`);
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    const errors = bundle.addResource(new FluentResource(source));
    if (errors.length > 0) throw new RenderError(`${join(dir, file)}: ${errors.map((e) => e.message).join('; ')}`);
    // the runtime parser drops a malformed entry silently; every message the file defines must have loaded
    for (const [index, line] of source.split('\n').entries()) {
      const id = /^([a-zA-Z][\w-]*)\s*=/.exec(line)?.[1];
      if (id !== undefined && !bundle.hasMessage(id)) {
        throw new RenderError(`${join(dir, file)}:${index + 1}: message "${id}" does not parse (check the indentation of its lines)`);
      }
    }
  }
  return bundle;
}

/** Narrowing for the structured digest parameters (the planner's output, read back after JSON). */
function record(value: ParamValue | undefined, what: string): Record<string, ParamValue> {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new RenderError(`${what}: expected an object`);
  }
  return value;
}

function list(value: ParamValue | undefined, what: string): ParamValue[] {
  if (!Array.isArray(value)) throw new RenderError(`${what}: expected a list`);
  return value;
}

/** Splits text into parts of at most `limit` characters, at line breaks where possible. */
function splitText(body: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of body.split('\n')) {
    let rest = line;
    while (rest.length > limit) {
      if (current !== '') parts.push(current);
      current = '';
      parts.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    const joined = current === '' ? rest : `${current}\n${rest}`;
    if (joined.length > limit) {
      parts.push(current);
      current = rest;
    } else {
      current = joined;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

const BUTTONS_PER_ROW = 2;

/** A coordinator's bundle shows at most this many items; the rest are counted, one press away. */
export const COORDINATOR_BUNDLE_ITEMS = 10;
const COORDINATOR_ROLES: ReadonlySet<string> = new Set(['municipal', 'regional']);
/** What a coordinator decides comes first: prompts and confirmations, then notices, then reminders and events. */
const COORDINATOR_ORDER: Partial<Record<PlannedNotification['kind'], number>> = {
  digest_regional: 0,
  digest_municipal: 0,
  status_prompt: 1,
  confirm_request: 1,
  confirm_reminder: 1,
  returned: 1,
  overdue_supervisor: 2,
  overdue: 2,
  promise_reminder: 3,
  reminder: 3,
  returned_reminder: 3,
  window_open: 4,
  event: 5,
};

/**
 * The items of a coordinator's bundle that fit one screen: decisions first, at most
 * `COORDINATOR_BUNDLE_ITEMS` and `DIGEST_TEXT_LIMIT` characters (the first item always); everyone else's
 * bundle is shown whole.
 */
export function coordinatorScreen(
  items: readonly PlannedNotification[],
  length: (n: PlannedNotification) => number,
): { shown: PlannedNotification[]; hidden: number } {
  const first = items[0];
  if (!first || !COORDINATOR_ROLES.has(first.recipientRole)) return { shown: [...items], hidden: 0 };
  const ordered = [...items].sort((a, b) => (COORDINATOR_ORDER[a.kind] ?? 6) - (COORDINATOR_ORDER[b.kind] ?? 6));
  const shown: PlannedNotification[] = [];
  // room for the header, the numbers and the «ещё N» line
  let used = 120;
  for (const n of ordered) {
    const size = length(n) + 6;
    if (shown.length > 0 && (shown.length >= COORDINATOR_BUNDLE_ITEMS || used + size > DIGEST_TEXT_LIMIT)) break;
    shown.push(n);
    used += size;
  }
  return { shown, hidden: items.length - shown.length };
}

/** Loads the templates of `dir` (default `templates/ru`) once; the renderer is then pure and synchronous. */
export function createRenderer(dir: string = TEMPLATES_DIR): Renderer {
  const bundle = loadBundle(dir);

  const format = (id: string, params: Params = {}, attribute?: string): string => {
    const message = bundle.getMessage(id);
    if (!message) throw new RenderError(`Unknown message "${id}" in ${dir}`);
    const pattern = attribute === undefined ? message.value : message.attributes[attribute];
    if (!pattern) throw new RenderError(`Message "${id}"${attribute ? ` has no attribute .${attribute}` : ' has no value'}`);
    const errors: Error[] = [];
    const args = fluentArgs(params);
    // a school whose name another school of its region shares is named with its code (`name-with-code`)
    for (const key in params) {
      const code = params[key];
      if (!key.endsWith(CODE_SUFFIX) || typeof code !== 'string') continue;
      const name = key.slice(0, -CODE_SUFFIX.length);
      const value = params[name];
      if (typeof value === 'string') args[name] = format('name-with-code', { name: value, code });
    }
    const result = bundle.formatPattern(pattern, args, errors);
    if (errors.length > 0) {
      throw new RenderError(`Message "${id}"${attribute ? `.${attribute}` : ''}: ${errors.map((e) => e.message).join('; ')}`);
    }
    return result;
  };

  /**
   * The message's value, then each attribute whose parameter of the same name has a value, except a
   * municipality its reader knows already (a school's own, a municipal coordinator's own, or the subject
   * itself).
   */
  const formatItem = (n: PlannedNotification): string => {
    const { templateId: id, params } = n;
    const message = bundle.getMessage(id);
    if (!message) throw new RenderError(`Unknown message "${id}" in ${dir}`);
    const lines = [format(id, params)];
    const knowsMunicipality = n.recipientRole === 'school' || n.recipientRole === 'municipal' || params.subject === params.municipality;
    for (const name of Object.keys(message.attributes)) {
      const value = params[name];
      if (name === 'municipality' && knowsMunicipality) continue;
      if (value !== undefined && value !== null) lines.push(format(id, params, name));
    }
    return lines.join('\n');
  };

  /**
   * A digest on one screen: the header, a line per indicator, the most lagging places, the unreachable
   * people. Should the text still run over `DIGEST_TEXT_LIMIT` (long names), indicator lines are left off
   * from the end and counted, then places: a digest is never split into parts.
   */
  const formatDigest = (n: PlannedNotification): string => {
    const p = n.params;
    const header = format(n.templateId, p);
    const indicatorLines = list(p.lines, `${n.dedupeKey} lines`).map((v, i) => format('digest-line', record(v, `${n.dedupeKey} lines[${i}]`)));
    const places = list(p.top, `${n.dedupeKey} top`).map((v, i) => format('digest-top-line', record(v, `${n.dedupeKey} top[${i}]`)));
    const unreachable = list(p.unreachable, `${n.dedupeKey} unreachable`);
    const names = unreachable.map((v) => format('digest-person', record(v, `${n.dedupeKey} unreachable entry`))).join(', ');
    const footer =
      unreachable.length === 0
        ? null
        : names.length <= DIGEST_NAMES_LIMIT
          ? format('digest-unreachable', { names })
          : format('digest-unreachable-count', { count: unreachable.length });
    // «Не подключились к боту: N — first names и ещё K» (older digests carry no such parameter)
    const notJoined = p.notJoined === undefined || p.notJoined === null ? null : record(p.notJoined, `${n.dedupeKey} notJoined`);
    const joinCount = typeof notJoined?.count === 'number' ? notJoined.count : 0;
    const joinNames = notJoined === null ? [] : list(notJoined.names, `${n.dedupeKey} notJoined.names`).map(String);
    const joinLine =
      joinCount === 0 ? null : format('digest-not-joined', { count: joinCount, names: joinNames.join(', '), more: joinCount - joinNames.length });
    const topTitle = format(n.kind === 'digest_municipal' ? 'digest-top-municipal' : 'digest-top-regional');
    const more = typeof p.more === 'number' ? p.more : 0;
    const assemble = (shown: number, placesShown: number): string => {
      const blocks: string[] = [header];
      const body = indicatorLines.slice(0, shown);
      const left = more + indicatorLines.length - shown;
      if (left > 0) body.push(format('digest-more', { more: left }));
      // a digest stored before `since` was planned has no date to say it from
      const none = typeof p.since === 'string' ? format('digest-no-lines', { since: p.since }) : format('digest-no-deadlines');
      blocks.push(body.length === 0 ? none : body.join('\n'));
      if (placesShown > 0) blocks.push([topTitle, ...places.slice(0, placesShown), format('digest-top-more')].join('\n'));
      if (footer !== null) blocks.push(footer);
      if (joinLine !== null) blocks.push(joinLine);
      return blocks.join('\n\n');
    };
    let shown = indicatorLines.length;
    let placesShown = places.length;
    let result = assemble(shown, placesShown);
    while (result.length > DIGEST_TEXT_LIMIT && (shown > 1 || placesShown > 0)) {
      if (shown > 1) shown -= 1;
      else placesShown -= 1;
      result = assemble(shown, placesShown);
    }
    return result;
  };

  const renderText = (n: PlannedNotification): string =>
    n.kind === 'digest_regional' || n.kind === 'digest_municipal' ? formatDigest(n) : formatItem(n);

  /** A newcomer's greeting heads the message, then what to do now (or that nothing is due). */
  const welcomeHeader = (intro: PlannedNotification, items: number): string =>
    `${renderText(intro)}\n\n${format(items > 0 ? 'welcome-todo' : 'bot-deadlines-none', intro.params)}`;

  /**
   * A day's message of several items counts the questions in it: items with buttons that act on them (a
   * digest's lists and the day's events ask nothing).
   */
  const bundleHeader = (all: readonly PlannedNotification[], date: string): string => {
    const questions = all.filter((n) => n.buttons.some((b) => b.ref !== null)).length;
    return questions === 0 ? format('bundle-header-notices', { date }) : format('bundle-header', { count: questions, date });
  };

  const renderOne = (bundle: readonly PlannedNotification[], whole: boolean): RenderedMessage[] => {
    const intro = bundle.find((n) => n.kind === 'welcome');
    const all = intro === undefined ? bundle : bundle.filter((n) => n !== intro);
    const first = all[0] ?? intro;
    if (!first) return [];
    const { shown: items, hidden } = whole ? { shown: all, hidden: 0 } : coordinatorScreen(all, (n) => renderText(n).length);
    const numbered = items.length > 1;
    const blocks = items.map((n, i) => {
      const body = renderText(n);
      const prefix = numbered ? `${format('item-number', { n: i + 1 })} ` : '';
      const labels = n.buttons.map((b) => {
        const label = format(`button-${b.action}`);
        return { label: numbered ? format('button-numbered', { n: i + 1, label }) : label, action: b.action, ref: b.ref };
      });
      const rows: RenderedButton[][] = [];
      for (let at = 0; at < labels.length; at += BUTTONS_PER_ROW) rows.push(labels.slice(at, at + BUTTONS_PER_ROW));
      return { text: `${prefix}${body}`, rows, kind: n.kind, key: n.dedupeKey };
    });
    const header = intro !== undefined ? welcomeHeader(intro, all.length) : numbered ? bundleHeader(all, first.localDate) : null;
    if (blocks.length === 0 && intro !== undefined) blocks.push({ text: '', rows: [], kind: intro.kind, key: intro.dedupeKey });
    // the items left off still belong to this message (they are sent with it), one press away
    const rest = hidden > 0 ? all.filter((n) => !items.includes(n)) : [];
    if (hidden > 0) {
      blocks.push({
        text: format('bundle-more', { count: hidden }),
        rows: [[{ label: format('button-show_all'), action: 'show_all', ref: null }]],
        kind: rest[0]?.kind ?? first.kind,
        key: rest[0]?.dedupeKey ?? first.dedupeKey,
      });
    }
    const messages: RenderedMessage[] = [];
    let current: RenderedMessage | null = null;
    const start = (): RenderedMessage => ({ recipientId: first.recipientId, bundleKey: first.bundleKey, kinds: [], dedupeKeys: [], text: '', buttons: [] });
    const append = (message: RenderedMessage, chunk: string): string => (message.text === '' ? chunk : `${message.text}\n\n${chunk}`);
    for (const [i, block] of blocks.entries()) {
      const chunk = i === 0 && header !== null ? (block.text === '' ? header : `${header}\n\n${block.text}`) : block.text;
      const pieces = splitText(chunk, TELEGRAM_TEXT_LIMIT);
      for (const piece of pieces) {
        if (current === null || append(current, piece).length > TELEGRAM_TEXT_LIMIT) {
          if (current !== null) messages.push(current);
          current = start();
        }
        current.text = append(current, piece);
        // a part continuing an item in a new message names that item too
        if (current.dedupeKeys[current.dedupeKeys.length - 1] !== block.key) {
          current.kinds.push(block.kind);
          current.dedupeKeys.push(block.key);
        }
      }
      // the item's buttons go under the part that ends it
      current?.buttons.push(...block.rows);
    }
    if (current !== null) messages.push(current);
    const opening = messages[0];
    if (intro !== undefined && opening !== undefined && opening.dedupeKeys[0] !== intro.dedupeKey) {
      opening.kinds.unshift(intro.kind);
      opening.dedupeKeys.unshift(intro.dedupeKey);
    }
    const last = messages[messages.length - 1];
    for (const n of rest.slice(1)) {
      last?.kinds.push(n.kind);
      last?.dedupeKeys.push(n.dedupeKey);
    }
    return messages;
  };

  return {
    format: (id, params) => format(id, params),
    renderText,
    renderBundle(notifications, options = {}) {
      const byBundle = new Map<string, PlannedNotification[]>();
      for (const n of notifications) {
        const group = byBundle.get(n.bundleKey);
        if (group) group.push(n);
        else byBundle.set(n.bundleKey, [n]);
      }
      return [...byBundle.values()].flatMap((items) => renderOne(items, options.whole ?? false));
    },
  };
}

let shared: Renderer | null = null;

/** Renders with the templates in `templates/ru` (loaded on first use). */
export function renderBundle(notifications: readonly PlannedNotification[], options?: { whole?: boolean }): RenderedMessage[] {
  shared ??= createRenderer();
  return shared.renderBundle(notifications, options);
}
