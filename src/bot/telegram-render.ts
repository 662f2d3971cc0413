/**
 * Stored notifications → messages ready for the Bot API: the Fluent renderer's text and labels, with each
 * button's callback data packed by the bot's codec (notification id + the item's current version), so a
 * press can be traced back and checked on the server. A weekly regional digest brings its progress chart as
 * the bundle's last part (a photo after the text: a caption holds only 1,024 characters).
 */
import type { Store } from '../db/client.js';
import { getStatus } from '../db/statuses.js';
import type { Renderer } from '../delivery/render.js';
import type { Render } from '../delivery/send-path.js';
import type { RenderedMessage } from '../delivery/transport.js';
import type { PlannedNotification } from '../domain/notification.js';
import type { ItemRef } from '../domain/status.js';
import { callbackDataFor } from './callback-data.js';
import { chartedDigest, chartFilename, progressPng } from './progress-chart.js';

/** The chart of the bundle's regional digest, if it holds one, drawn from the digest's own lines. */
function chartPart(renderer: Renderer, bundle: readonly PlannedNotification[]): RenderedMessage[] {
  const digest = chartedDigest(bundle);
  if (digest === undefined) return [];
  const say = (id: string, params?: Parameters<Renderer['format']>[1]) => renderer.format(id, params);
  const photo = { bytes: progressPng(digest.params, say), filename: chartFilename(digest) };
  return [{ text: renderer.format('chart-caption'), buttons: [], photo }];
}

export function createTelegramRender(store: Store, renderer: Renderer): Render {
  const versionOf = (ref: ItemRef) => getStatus(store, ref)?.version ?? 0;
  return (bundle) => {
    const messages: RenderedMessage[] = renderer.renderBundle(bundle).map((message) => ({
      text: message.text,
      buttons: message.buttons.map((row) =>
        row.map((b) => ({ text: b.label, data: callbackDataFor({ action: b.action, ref: b.ref }, bundle, versionOf) })),
      ),
    }));
    return messages.length === 0 ? messages : [...messages, ...chartPart(renderer, bundle)];
  };
}
