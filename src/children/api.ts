import type { FastifyInstance } from 'fastify';
import { apiRoute, validationFailure } from '../core/http/api.js';
import { parse } from '../core/http/forms.js';
import type { AppContext } from '../core/http/context.js';
import { todayIn } from '../core/time.js';
import { loadClockContext } from '../obligations/recompute.js';
import { childObligations } from '../obligations/queries.js';
import { childPaths as paths } from './paths.js';
import { childRecord, childSearchSchema, findChildren, likelyMatches, matchesShownTo, namedChildren, visitsOf } from './queries.js';
import { AlreadyBornError, birthSchema, createChild, newChildApiSchema, recordBirth, recordVisit, visitSchema } from './use-cases.js';
import { StaleRecordError } from '../core/db/versions.js';
import { roles } from '../core/auth/roles.js';

export function childrenApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: paths.apiChildren(),
      roles: roles.practice,
      audit: 'SEARCH_CHILDREN',
      summary: 'Find children by name, dateOfBirth, nhsNumber or upn (query parameters)',
    },
    async (req, reply, state) => {
      const parsed = parse(childSearchSchema, req.query);
      if (!parsed.ok) return reply.code(400).send(validationFailure(parsed.errors));
      const results = await findChildren(ctx.db, state.user, parsed.value);
      state.revealedChildIds = results.map((r) => r.id);
      return reply.send({ children: results });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: paths.apiChildren(),
      roles: roles.practice,
      audit: 'CREATE_CHILD',
      summary: 'Add a child',
      body: newChildApiSchema(today),
      responses: {
        '201': 'Created: the new child’s id',
        '409':
          'Nothing created: `likelyMatches` lists children already on the record who may be this child (one the caller may not open only by its reference); send again with confirmNotDuplicate: true if none of them is',
      },
    },
    async (_req, reply, state) => {
      const { confirmNotDuplicate, ...child } = state.body;
      // the same check as the page, so the API is no way round it
      if (confirmNotDuplicate !== true) {
        const matches = await likelyMatches(ctx.db, child);
        if (matches.length > 0) {
          state.revealedChildIds = matches.map((m) => m.id);
          return reply.code(409).send({
            error: 'This child may already be on the record',
            errors: [
              {
                field: 'confirmNotDuplicate',
                message:
                  'This child may already be on the record: check the likely matches, and send confirmNotDuplicate: true if none of them is the child',
              },
            ],
            likelyMatches: await matchesShownTo(ctx.db, state.user, matches),
          });
        }
      }
      await state.write(async (tx) => {
        state.recordId = state.childId = await createChild(tx, child, today(), { userId: state.user.id, teamId: state.user.teamId });
      });
      return reply.code(201).send({ id: state.recordId });
    },
  );

  apiRoute(
    app,
    ctx,
    { method: 'GET', url: paths.apiChild(':childId'), audit: 'VIEW_CHILD', summary: 'A child’s record summary and obligations' },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      const now = ctx.time.now();
      const record = await childRecord(ctx.db, childId, now, state.user);
      state.revealedChildIds = namedChildren(record);
      const obligations = await childObligations(ctx.db, childId, now, await loadClockContext(ctx.db));
      return reply.send({ ...record, obligations });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: paths.apiBirth(':childId'),
      audit: 'RECORD_BIRTH',
      summary: 'Record the birth of a child recorded as unborn: the date of birth and the child’s sex',
      body: birthSchema(today),
      responses: {
        '200': 'Recorded',
        '409': 'Nothing recorded: the birth is already recorded, or the child’s details changed since `version`',
      },
    },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      try {
        state.recordId = childId;
        await state.write((tx) => recordBirth(tx, childId, state.body));
      } catch (e) {
        if (e instanceof StaleRecordError || e instanceof AlreadyBornError) {
          return reply.code(409).send({ error: e.message, errors: [{ field: 'dateOfBirth', message: e.message }] });
        }
        throw e;
      }
      return reply.send({ id: childId });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: paths.apiVisits(':childId'),
      audit: 'VIEW_CHILD',
      summary: 'The child’s visits, newest first: date, whether the child was seen and seen alone, purpose, who visited and the note',
    },
    async (req, reply) => {
      const { childId } = req.params as { childId: string };
      return reply.send(await visitsOf(ctx.db, childId));
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: paths.apiVisits(':childId'),
      audit: 'RECORD_VISIT',
      summary: 'Record a visit to the child',
      body: visitSchema(() => todayIn(ctx.time)),
      responses: { '201': 'Recorded' },
    },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      await state.write(async (tx) => {
        state.recordId = await recordVisit(tx, childId, state.body, { userId: state.user.id, workerId: state.user.workerId });
      });
      return reply.code(201).send({ id: state.recordId });
    },
  );
}
