/**
 * Bounds of what people type (a return's comment, a problem's reason, a name): a 1 MB comment must not become
 * hundreds of Telegram messages. The store keeps at most this much; a message quotes at most this much.
 */
export const MAX_COMMENT_LENGTH = 1000;

/** `text` cut at `max` characters, with an ellipsis where it was cut; shorter text unchanged. */
export function clampText(text: string, max: number): string {
  // no more UTF-16 units than `max` means no more characters either: most text is never split
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
