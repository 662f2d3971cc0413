/**
 * Stored notifications → messages ready for the Bot API: the Fluent renderer's text and labels, with each
 * button's callback data packed by the bot's codec (notification id + the item's current version), so a
 * press can be traced back and checked on the server.
 */
import type { Store } from '../db/client.js';
import { getStatus } from '../db/statuses.js';
import type { Renderer } from '../delivery/render.js';
import type { Render } from '../delivery/send-path.js';
import type { ItemRef } from '../domain/status.js';
import { callbackDataFor } from './callback-data.js';

export function createTelegramRender(store: Store, renderer: Renderer): Render {
  const versionOf = (ref: ItemRef) => getStatus(store, ref)?.version ?? 0;
  return (bundle) =>
    renderer.renderBundle(bundle).map((message) => ({
      text: message.text,
      buttons: message.buttons.map((row) =>
        row.map((b) => ({ text: b.label, data: callbackDataFor({ action: b.action, ref: b.ref }, bundle, versionOf) })),
      ),
    }));
}
