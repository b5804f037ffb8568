import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../http/context.js';
import { errorView, parse, text } from '../http/forms.js';
import { route } from '../http/route.js';
import { hashPassword } from './passwords.js';
import { BUSY } from './password-checks.js';
import { accountKey, currentLock, minutesUntil, recordFailure } from './throttle.js';
import { changeOwnPassword, passwordMatches } from './users.js';

const VIEW = 'core/auth/views/change-password.njk';

const changePasswordSchema = z.object({
  currentPassword: text('Current password', { max: 200 }),
  newPassword: text('New password', { max: 200 }).refine((v) => v.length >= 12, { message: 'New password must be at least 12 characters' }),
});

/** A person changes their own password: the current one is checked as a sign-in is (bounded, and locked after failures). */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, { method: 'GET', url: '/account/password' }, async (_req, reply) => reply.page(VIEW, { title: 'Change your password' }));

  route(app, ctx, { method: 'POST', url: '/account/password', audit: 'CHANGE_OWN_PASSWORD' }, async (req, reply, state) => {
    const parsed = parse(changePasswordSchema, req.body);
    const again = (field: string, message: string, status: number) =>
      reply.code(status).page(VIEW, { title: 'Change your password', ...errorView([{ field, message }]) });
    if (!parsed.ok) return reply.code(400).page(VIEW, { title: 'Change your password', ...errorView(parsed.errors) });
    const account = accountKey(state.user.username);
    const lock = await currentLock(ctx.db, account, req.ip, ctx.time.now(), ctx.config.signIn);
    if (lock) return again('currentPassword', `Too many wrong passwords. Try again in ${minutesUntil(lock.until, ctx.time.now())}.`, 429);
    const matches = await app.passwordChecks.run(() => passwordMatches(ctx.db, state.user.id, parsed.value.currentPassword));
    if (matches === BUSY) return again('currentPassword', 'There are too many sign-in attempts right now. Try again in a moment.', 503);
    if (!matches) {
      await recordFailure(ctx.db, account, req.ip, ctx.time.now());
      return again('currentPassword', 'Current password is not correct', 400);
    }
    const hash = await hashPassword(parsed.value.newPassword);
    state.recordId = state.user.id;
    await state.write((tx) =>
      changeOwnPassword(tx, state.user.id, { hash }, { sessionToken: req.session.get('sid') ?? '', now: ctx.time.now() }),
    );
    reply.flash('Password changed: you have been signed out everywhere else');
    return reply.redirect('/', 303);
  });
}
