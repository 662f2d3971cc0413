/**
 * Credentials never reach a log line or an error message: a URL's password (REDIS_URL), and the values of
 * the variables that are secrets themselves.
 */

/** Variables whose value is a secret: an error names them, never their value. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set(['BOT_TOKEN', 'WEBHOOK_SECRET']);

/** The URL with its password (and a user name that carries a token) replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '' && parsed.username === '') return url;
    if (parsed.password !== '') parsed.password = '***';
    else parsed.username = '***';
    return parsed.toString();
  } catch {
    // not a URL: it can still hold `user:password@`
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Text with every Bot API token in a request path (`/bot123456:ABC…/sendMessage`) replaced by `***`. */
export function redactBotToken(text: string): string {
  return text.replace(/\/bot\d+:[A-Za-z0-9_-]+/g, '/bot***');
}
