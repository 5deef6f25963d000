/** The structured common types: external-reference (2.5) and kill-chain-phase (2.11). */
import { list, nested } from '../checks/collections.js';
import { hashes } from '../checks/hashes.js';
import { string } from '../checks/primitives.js';
import { type Check, opt, req } from '../validate/context.js';

/** An external-reference (2.5), with the 2.5.2 rule: source_name plus one of description, url, external_id. */
export const externalReference: Check = nested(
  {
    source_name: req(string()),
    description: opt(string()),
    url: opt(string()),
    hashes: opt(hashes()),
    external_id: opt(string()),
  },
  {
    name: 'external-reference',
    section: '2.5',
    hook: (ref, path, ctx) => {
      if (ref.description === undefined && ref.url === undefined && ref.external_id === undefined) {
        ctx.error(
          'STIX_AT_LEAST_ONE',
          path,
          'an external reference needs at least one of description, url or external_id besides source_name',
          '2.5.2',
        );
      }
      if (ref.url !== undefined && ref.hashes === undefined) {
        ctx.warn(
          'STIX_MISSING_PROPERTY',
          `${path}/hashes`,
          'an external reference with a url should have hashes of the content it points to',
          '2.5.1',
        );
      }
    },
  },
);

const KILL_CHAIN_STYLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A kill-chain-phase (2.11); lower case with hyphens is a SHOULD. */
export const killChainPhase: Check = nested(
  { kill_chain_name: req(string()), phase_name: req(string()) },
  {
    name: 'kill-chain-phase',
    section: '2.11',
    hook: (phase, path, ctx) => {
      for (const key of ['kill_chain_name', 'phase_name'] as const) {
        const v = phase[key];
        if (typeof v === 'string' && !KILL_CHAIN_STYLE.test(v)) {
          ctx.warn(
            'STIX_INVALID_VALUE',
            `${path}/${key}`,
            `${JSON.stringify(v)} should be lower case with hyphens as word separators`,
            '2.11',
          );
        }
      }
    },
  },
);

/** A list of external references. */
export const externalReferences: Check = list(externalReference);
/** A list of kill chain phases. */
export const killChainPhases: Check = list(killChainPhase);
