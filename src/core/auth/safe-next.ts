/**
 * Where to go after signing in: only a path on this service, never another site, and never
 * one holding a control character (a NUL cannot go into a Location header).
 */
export function safeNext(next: unknown): string | null {
  // eslint-disable-next-line no-control-regex -- a path holding control characters is refused
  return typeof next === 'string' && /^\/(?!\/)[^\s\\\u0000-\u001f\u007f]*$/.test(next) ? next : null;
}
