import type { FastifyReply } from 'fastify';
import { StaleRecordError } from '../core/db/versions.js';
import type { FieldError } from '../core/http/forms.js';

/** Why an administration change was refused: a field and a reason, or someone saved first (stale). */
export type Refusal = { stale: true; message: string } | { stale: false; error: FieldError };
export type AdminResult = { ok: true } | ({ ok: false } & Refusal);

/** Someone else saved the record after the page was opened. */
export function stale(what: string): AdminResult {
  return {
    ok: false,
    stale: true,
    message: `Someone else changed this ${what} after you opened this page. Nothing has been saved: check the details below and try again`,
  };
}

/** An administration change, with a stale save (core's StaleRecordError) answered as a refusal. */
export async function staleRefused(what: string, change: () => Promise<AdminResult | null>): Promise<AdminResult | null> {
  try {
    return await change();
  } catch (e) {
    if (e instanceof StaleRecordError) return stale(what);
    throw e;
  }
}

export function refused(field: string, message: string): AdminResult {
  return { ok: false, stale: false, error: { field, message } };
}

/** Whether an administration use case made its change (null: no such record). */
export const done = (result: AdminResult | null): boolean => result?.ok === true;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).page('message.njk', {
    title: 'Page not found',
    paragraphs: ['There is no such record. It may have been removed.'],
    link: { href: '/', text: 'Go to your home page' },
  });
}

type EditPage = (extra: { status: number; values?: Record<string, unknown>; errors: FieldError[] }) => Promise<FastifyReply>;

/**
 * The answer to a change: back to the edit page with what was wrong (409, showing what is saved
 * now, when someone saved first), or on to the list with a message.
 */
export function answerChange(
  reply: FastifyReply,
  result: AdminResult | null,
  opts: { editPage: EditPage; staleField: string; values?: Record<string, unknown>; flash: string; to: string },
): Promise<FastifyReply> | FastifyReply {
  if (result === null) return notFound(reply);
  if (!result.ok) {
    if (result.stale) return opts.editPage({ status: 409, errors: [{ field: opts.staleField, message: result.message }] });
    return opts.editPage({ status: 400, ...(opts.values ? { values: opts.values } : {}), errors: [result.error] });
  }
  reply.flash(opts.flash);
  return reply.redirect(opts.to, 303);
}
