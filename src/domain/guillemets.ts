/**
 * «Ёлочки» in titles messages quote as «{ title }»: a « left open there runs into the rest of the message,
 * so schedule files pair them and whatever shortens or drafts a title closes what it leaves open.
 */

/** How many « the text leaves open (negative: more » than «). */
export function openGuillemets(text: string): number {
  let open = 0;
  for (const char of text) {
    if (char === '«') open += 1;
    else if (char === '»') open -= 1;
  }
  return open;
}

/** The text with each « it leaves open closed at its end. */
export function closeGuillemets(text: string): string {
  const open = openGuillemets(text);
  return open > 0 ? text + '»'.repeat(open) : text;
}
