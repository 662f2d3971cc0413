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

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

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
  /** One or more messages for the notifications of one bundle (several bundles are rendered in turn). */
  renderBundle(notifications: readonly PlannedNotification[]): RenderedMessage[];
  /** The text of one notification alone. */
  renderText(notification: PlannedNotification): string;
  /** Any message of the templates by id (the bot's own replies), with parameters. */
  format(id: string, params?: Params): string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date becomes a Fluent date fixed to UTC midnight, so DATETIME() shows that same day anywhere. */
function toFluent(value: ParamValue): FluentVariable | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (!LOCAL_DATE.test(value)) return value;
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

function text(value: ParamValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new RenderError(`${what}: expected a text`);
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

/** Loads the templates of `dir` (default `templates/ru`) once; the renderer is then pure and synchronous. */
export function createRenderer(dir: string = TEMPLATES_DIR): Renderer {
  const bundle = loadBundle(dir);

  const format = (id: string, params: Params = {}, attribute?: string): string => {
    const message = bundle.getMessage(id);
    if (!message) throw new RenderError(`Unknown message "${id}" in ${dir}`);
    const pattern = attribute === undefined ? message.value : message.attributes[attribute];
    if (!pattern) throw new RenderError(`Message "${id}"${attribute ? ` has no attribute .${attribute}` : ' has no value'}`);
    const errors: Error[] = [];
    const result = bundle.formatPattern(pattern, fluentArgs(params), errors);
    if (errors.length > 0) {
      throw new RenderError(`Message "${id}"${attribute ? `.${attribute}` : ''}: ${errors.map((e) => e.message).join('; ')}`);
    }
    return result;
  };

  /** The message's value, then each attribute whose parameter of the same name has a value. */
  const formatItem = (id: string, params: Params): string => {
    const message = bundle.getMessage(id);
    if (!message) throw new RenderError(`Unknown message "${id}" in ${dir}`);
    const lines = [format(id, params)];
    for (const name of Object.keys(message.attributes)) {
      const value = params[name];
      if (value !== undefined && value !== null) lines.push(format(id, params, name));
    }
    return lines.join('\n');
  };

  const formatDigest = (n: PlannedNotification): string => {
    const p = n.params;
    const lines = [format(n.templateId, p)];
    const sections = list(p.sections, `${n.dedupeKey} sections`);
    if (sections.length === 0) lines.push(format('digest-no-sections'));
    for (const [i, value] of sections.entries()) {
      const section = record(value, `${n.dedupeKey} sections[${i}]`);
      lines.push('', format('digest-section', section));
      const lagging = list(section.lagging, `${n.dedupeKey} sections[${i}].lagging`);
      if (lagging.length > 0) lines.push(format('digest-lagging-title'));
      for (const groupValue of lagging) {
        const group = record(groupValue, `${n.dedupeKey} lagging group`);
        const names = list(group.names, `${n.dedupeKey} lagging names`).map((entryValue) => {
          const entry = record(entryValue, `${n.dedupeKey} lagging entry`);
          const name = text(entry.name, `${n.dedupeKey} lagging name`);
          return entry.promised === null ? name : format('digest-promised', { name, promised: entry.promised ?? null });
        });
        const label = group.group === null ? format('digest-group-curators') : text(group.group, `${n.dedupeKey} group`);
        lines.push(format('digest-lagging-group', { group: label, names: names.join(', ') }));
      }
    }
    const unreachable = list(p.unreachable, `${n.dedupeKey} unreachable`);
    if (unreachable.length > 0) {
      const names = unreachable.map((v) => format('digest-person', record(v, `${n.dedupeKey} unreachable entry`)));
      lines.push('', format('digest-unreachable', { names: names.join(', ') }));
    }
    return lines.join('\n');
  };

  const renderText = (n: PlannedNotification): string =>
    n.kind === 'digest_regional' || n.kind === 'digest_municipal' ? formatDigest(n) : formatItem(n.templateId, n.params);

  const renderOne = (items: readonly PlannedNotification[]): RenderedMessage[] => {
    const first = items[0];
    if (!first) return [];
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
    const header = numbered ? format('bundle-header', { count: items.length, date: first.localDate }) : null;
    const messages: RenderedMessage[] = [];
    let current: RenderedMessage | null = null;
    const start = (): RenderedMessage => ({ recipientId: first.recipientId, bundleKey: first.bundleKey, kinds: [], dedupeKeys: [], text: '', buttons: [] });
    const append = (message: RenderedMessage, chunk: string): string => (message.text === '' ? chunk : `${message.text}\n\n${chunk}`);
    for (const [i, block] of blocks.entries()) {
      const chunk = i === 0 && header !== null ? `${header}\n\n${block.text}` : block.text;
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
    return messages;
  };

  return {
    format: (id, params) => format(id, params),
    renderText,
    renderBundle(notifications) {
      const byBundle = new Map<string, PlannedNotification[]>();
      for (const n of notifications) {
        const group = byBundle.get(n.bundleKey);
        if (group) group.push(n);
        else byBundle.set(n.bundleKey, [n]);
      }
      return [...byBundle.values()].flatMap(renderOne);
    },
  };
}

let shared: Renderer | null = null;

/** Renders with the templates in `templates/ru` (loaded on first use). */
export function renderBundle(notifications: readonly PlannedNotification[]): RenderedMessage[] {
  shared ??= createRenderer();
  return shared.renderBundle(notifications);
}
