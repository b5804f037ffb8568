/** Where to go after signing in: only a path on this service, never another site. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : null;
}
