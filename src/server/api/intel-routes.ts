/**
 * `GET /api/attribution` (the consensus matrix), `GET /api/attribution/claims/:id` (a cell's
 * claim with its evidence), `GET /api/advisories`, `GET /api/advisories/:id`,
 * `GET /api/advisories/:id/release` (released state per node, ADR 0022) and
 * `POST /api/advisories/:id/sign`: core's attribution and advisory use cases, over what the
 * caller's organisation sees. A hidden advisory answers exactly as an unknown id.
 */
import type { FastifyInstance } from 'fastify';
import {
  type AdvisoryView,
  attributionClaim,
  attributionMatrix,
  getAdvisory,
  getAdvisoryReleases,
  listAdvisories,
  signAdvisory,
} from '../../core/index.js';
import { formatMicros } from '../../stix/index.js';
import type { ApiContext } from './api-context.js';
import type {
  AdvisoryInfo,
  AdvisoryList,
  AdvisoryReleases,
  AttributionClaim,
  AttributionMatrix,
  OrgRef,
} from './api-types.js';
import { orgRef, orgRefs } from './org-ref.js';

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

/** The AdvisoryInfo of a view, at the server's time. */
export function advisoryInfo(
  view: AdvisoryView,
  refOf: (key: string) => OrgRef,
  serverTime: string,
): AdvisoryInfo {
  const s = view.status;
  return {
    id: s.id,
    title: s.title,
    state: s.state,
    releaseAt: s.release_at,
    cosigners: s.cosigners.map((c) => ({ ...refOf(c.org), signed: c.signed })),
    awaitingMySignature: view.awaitingMySignature,
    serverTime,
  };
}

/** Registers the six routes. */
export function registerIntelRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const now = () => formatMicros(ctx.node.services.now(), 3);

  app.get('/attribution', async (request): Promise<AttributionMatrix> => {
    const m = await attributionMatrix(ctx.node.services, ctx.callerOf(request));
    return { subjects: m.subjects, organisations: m.organisations.map(orgRef), cells: m.cells };
  });

  app.get<{ Params: { id: string } }>(
    '/attribution/claims/:id',
    { schema: { params: ID_PARAMS } },
    async (request): Promise<AttributionClaim> => {
      const { producerOrg, version, ...claim } = await attributionClaim(
        ctx.node.services,
        ctx.callerOf(request),
        request.params.id,
      );
      const refOf = await orgRefs(ctx.store);
      return { ...claim, author: producerOrg === null ? null : refOf(producerOrg), time: version };
    },
  );

  app.get('/advisories', async (request): Promise<AdvisoryList> => {
    const views = await listAdvisories(ctx.node.services, ctx.callerOf(request));
    const refOf = await orgRefs(ctx.store);
    return { advisories: views.map((v) => advisoryInfo(v, refOf, now())) };
  });

  app.get<{ Params: { id: string } }>(
    '/advisories/:id',
    { schema: { params: ID_PARAMS } },
    async (request): Promise<AdvisoryInfo> => {
      const view = await getAdvisory(ctx.node.services, ctx.callerOf(request), request.params.id);
      return advisoryInfo(view, await orgRefs(ctx.store), now());
    },
  );

  app.get<{ Params: { id: string } }>(
    '/advisories/:id/release',
    { schema: { params: ID_PARAMS } },
    async (request): Promise<AdvisoryReleases> => {
      const id = request.params.id;
      const nodes = await getAdvisoryReleases(ctx.node.services, ctx.callerOf(request), id);
      const refOf = await orgRefs(ctx.store);
      return {
        id,
        nodes: nodes.map(({ org, ...n }) => ({ ...n, ...(org === undefined ? {} : { org: refOf(org) }) })),
        serverTime: now(),
      };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/advisories/:id/sign',
    { schema: { params: ID_PARAMS } },
    async (request): Promise<AdvisoryInfo & { signature: string; created: boolean }> => {
      const signed = await signAdvisory(ctx.node.services, ctx.callerOf(request), request.params.id);
      return {
        ...advisoryInfo(signed, await orgRefs(ctx.store), now()),
        signature: signed.signature,
        created: signed.created,
      };
    },
  );
}
