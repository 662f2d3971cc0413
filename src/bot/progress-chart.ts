/**
 * The digest's picture: the share done per indicator against its deadline, one bar each, drawn as SVG and
 * rendered to PNG by resvg (no browser, no canvas). Everything it says comes from the templates; the bars come
 * from the digest's own `lines`, so the picture and the text never disagree.
 */
import { Resvg } from '@resvg/resvg-js';
import type { Params, ParamValue, PlannedNotification } from '../domain/notification.js';

/** What the chart needs of a template call. */
export type ChartSay = (id: string, params?: Params) => string;

export const CHART_WIDTH = 800;
const TOP = 70;
const ROW = 56;
const BOTTOM = 24;
const LEFT = 24;
const BAR_WIDTH = CHART_WIDTH - 2 * LEFT - 90;
const FONT = 'DejaVu Sans, Arial, sans-serif';
/** The bars' colours: done on time, done of a late line, and the rest of the bar (grey, or pale red when late). */
export const CHART_COLOURS = { done: '#4a9d5b', lateDone: '#d9534f', track: '#e6e6e6', lateTrack: '#f2c4c2' } as const;

interface Bar {
  indicator: string;
  done: number;
  total: number;
  percent: number;
  due: string;
}

function bars(lines: ParamValue | undefined): Bar[] {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line) => {
    if (line === null || typeof line !== 'object' || Array.isArray(line)) return [];
    const { indicator, done, total, percent, due } = line;
    if (typeof indicator !== 'string' || typeof done !== 'number' || typeof total !== 'number' || typeof percent !== 'number' || typeof due !== 'string') return [];
    return [{ indicator, done, total, percent, due }];
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The digest whose chart follows a bundle's text: the weekly regional one (a municipal digest has none). */
export function chartedDigest<T extends Pick<PlannedNotification, 'kind'>>(bundle: readonly T[]): T | undefined {
  return bundle.find((n) => n.kind === 'digest_regional');
}

/** The name a digest's chart goes by: what Telegram shows, what a dry run writes, what `preview` names. */
export function chartFilename(digest: { localDate: string }): string {
  return `progress-${digest.localDate}.png`;
}

/** The chart's height for a digest of `rows` indicator lines. */
export function chartHeight(rows: number): number {
  return TOP + Math.max(rows, 1) * ROW + BOTTOM;
}

/**
 * The SVG of a digest's chart: a bar per line, red where the deadline has passed and subjects lag. A late line
 * is red over its whole length (pale where not done) with its count in red, so one with nothing done shows too.
 */
export function progressSvg(digest: Params, say: ChartSay): string {
  const rows = bars(digest.lines);
  const date = typeof digest.date === 'string' ? digest.date : '';
  const height = chartHeight(rows.length);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="40" font-family="${FONT}" font-size="22" font-weight="bold" fill="#222">${escapeXml(say('chart-title', { date }))}</text>`,
  ];
  if (rows.length === 0) parts.push(`<text x="${LEFT}" y="${TOP + 30}" font-family="${FONT}" font-size="16" fill="#555">${escapeXml(say('digest-no-deadlines'))}</text>`);
  for (const [i, bar] of rows.entries()) {
    const y = TOP + i * ROW;
    const late = bar.due < date && bar.done < bar.total;
    const filled = Math.round((BAR_WIDTH * Math.min(100, Math.max(0, bar.percent))) / 100);
    const label = `${bar.indicator} · ${say('chart-due', { due: bar.due })}`;
    const share = late ? `fill="${CHART_COLOURS.lateDone}" font-weight="bold"` : 'fill="#222"';
    parts.push(
      `<text x="${LEFT}" y="${y + 16}" font-family="${FONT}" font-size="15" fill="#222">${escapeXml(label)}</text>`,
      `<rect x="${LEFT}" y="${y + 24}" width="${BAR_WIDTH}" height="18" rx="3" fill="${late ? CHART_COLOURS.lateTrack : CHART_COLOURS.track}"/>`,
      `<rect x="${LEFT}" y="${y + 24}" width="${filled}" height="18" rx="3" fill="${late ? CHART_COLOURS.lateDone : CHART_COLOURS.done}"/>`,
      `<text x="${LEFT + BAR_WIDTH + 10}" y="${y + 39}" font-family="${FONT}" font-size="15" ${share}>${escapeXml(say('chart-share', { done: bar.done, total: bar.total }))}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The digest's chart as PNG bytes. */
export function progressPng(digest: Params, say: ChartSay): Uint8Array {
  const png = new Resvg(progressSvg(digest, say), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png);
}
