/**
 * `POST /api/session` (sign in: sets the session cookie), `GET /api/session` (who is signed in,
 * with the CSRF token) and `DELETE /api/session` (logout: the session ends in the store, the
 * cookie is cleared). The plugin's hook has already checked origin, content type and CSRF.
 */
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../../core/index.js';
import type { ApiContext } from './api-context.js';
import type { SessionInfo, SignInRequest } from './api-types.js';
import { orgRef } from './org-ref.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';

const SIGN_IN_BODY = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

/** Registers the three routes. */
export function registerSessionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const infoOf = async (
    caller: ReturnType<ApiContext['callerOf']>,
    csrfToken: string,
  ): Promise<SessionInfo> => {
    const org = await ctx.store.getOrganization(caller.orgId);
    if (org === undefined) throw new CoreError('CORE_UNAUTHENTICATED', 'the account has no organisation');
    return { username: caller.username, role: caller.role, org: orgRef(org), csrfToken };
  };

  app.post<{ Body: SignInRequest }>(
    '/session',
    { schema: { body: SIGN_IN_BODY } },
    async (request, reply) => {
      const opened = await ctx.node.sessions.signIn(request.body.username, request.body.password, request.ip);
      return reply
        .header('set-cookie', sessionCookie(request, opened.secret, opened.maxAgeSeconds))
        .send(await infoOf(opened.caller, opened.csrfToken));
    },
  );

  app.get('/session', async (request, reply) => {
    const who = ctx.authenticatedOf(request);
    // A script's Basic or bearer request has no session and needs no token.
    return reply.send(await infoOf(who.caller, who.session?.csrfToken ?? ''));
  });

  app.delete('/session', async (request, reply) => {
    const who = ctx.authenticatedOf(request);
    if (who.session !== undefined) await ctx.node.sessions.signOut(who.session.secret);
    return reply.code(204).header('set-cookie', clearedSessionCookie(request)).send();
  });
}
