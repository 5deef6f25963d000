/** SDOs describing adversaries and their means: 4.1 attack-pattern, 4.2 campaign, 4.8 infrastructure, 4.9 intrusion-set, 4.11 malware, 4.17 threat-actor, 4.18 tool, 4.19 vulnerability. */
import { list } from '../checks/collections.js';
import { boolean, string } from '../checks/primitives.js';
import { refsTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
import { vocab } from '../checks/vocab.js';
import { killChainPhases } from '../common/structured-types.js';
import { type Context, isRecord, opt, req } from '../validate/context.js';
import { timeOrder } from '../validate/rules.js';
import { sdo } from './define.js';

const strings = list(string());
type Obj = Readonly<Record<string, unknown>>;

/**
 * 4.1 / 4.19: an external reference that gives a CAPEC or CVE id MUST have source_name exactly
 * `capec` / `cve` and the exact id as external_id. A reference naming the source in another case
 * (CVE) is such a reference with a wrong source_name.
 */
function externalIdRule(source: string, pattern: RegExp, example: string, section: string) {
  return (obj: Obj, path: string, ctx: Context): void => {
    const refs = obj.external_references;
    if (!Array.isArray(refs)) return;
    refs.forEach((ref: unknown, i) => {
      if (!isRecord(ref) || typeof ref.source_name !== 'string') return;
      const at = `${path}/external_references/${i}`;
      if (ref.source_name !== source && ref.source_name.toLowerCase() === source) {
        ctx.error(
          'STIX_INVALID_VALUE',
          `${at}/source_name`,
          `the source_name of a ${source.toUpperCase()} reference must be exactly "${source}"`,
          section,
        );
      }
      if (ref.source_name.toLowerCase() !== source || ref.external_id === undefined) return;
      if (typeof ref.external_id !== 'string' || !pattern.test(ref.external_id)) {
        ctx.error(
          'STIX_INVALID_VALUE',
          `${at}/external_id`,
          `an external reference with source_name "${source}" must have the exact id as external_id, like ${example}`,
          section,
        );
      }
    });
  };
}

// CVE ids: CVE-YYYY-NNNN, the year from 1999, the sequence 4 digits or more without a leading zero.
const CVE_ID = /^CVE-(?:199\d|2\d{3})-(?:\d{4}|[1-9]\d{4,})$/;

const seenOrder = (section: string) => (obj: Obj, path: string, ctx: Context) =>
  timeOrder(obj, path, ctx, 'first_seen', 'last_seen', false, section);

export const attackPattern = sdo(
  'attack-pattern',
  '4.1',
  {
    name: req(string()),
    description: opt(string()),
    aliases: opt(strings),
    kill_chain_phases: opt(killChainPhases),
  },
  externalIdRule('capec', /^CAPEC-[1-9]\d*$/, 'CAPEC-550', '4.1.1'),
);

export const campaign = sdo(
  'campaign',
  '4.2',
  {
    name: req(string()),
    description: opt(string()),
    aliases: opt(strings),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
    objective: opt(string()),
  },
  seenOrder('4.2.1'),
);

export const infrastructure = sdo(
  'infrastructure',
  '4.8',
  {
    name: req(string()),
    description: opt(string()),
    infrastructure_types: opt(list(vocab('infrastructure-type-ov'))),
    aliases: opt(strings),
    kill_chain_phases: opt(killChainPhases),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
  },
  seenOrder('4.8.1'),
);

export const intrusionSet = sdo(
  'intrusion-set',
  '4.9',
  {
    name: req(string()),
    description: opt(string()),
    aliases: opt(strings),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
    goals: opt(strings),
    resource_level: opt(vocab('attack-resource-level-ov')),
    primary_motivation: opt(vocab('attack-motivation-ov')),
    secondary_motivations: opt(list(vocab('attack-motivation-ov'))),
  },
  seenOrder('4.9.1'),
);

export const malware = sdo(
  'malware',
  '4.11',
  {
    name: opt(string()),
    description: opt(string()),
    malware_types: opt(list(vocab('malware-type-ov'))),
    is_family: opt(boolean()),
    aliases: opt(strings),
    kill_chain_phases: opt(killChainPhases),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
    operating_system_refs: opt(refsTo('4.11.1', 'software')),
    architecture_execution_envs: opt(list(vocab('processor-architecture-ov'))),
    implementation_languages: opt(list(vocab('implementation-language-ov'))),
    capabilities: opt(list(vocab('malware-capabilities-ov'))),
    sample_refs: opt(refsTo('4.11.1', 'file', 'artifact')),
  },
  (obj, path, ctx) => {
    timeOrder(obj, path, ctx, 'first_seen', 'last_seen', false, '4.11.1');
    if (obj.is_family === true && obj.name === undefined) {
      ctx.error(
        'STIX_MISSING_PROPERTY',
        `${path}/name`,
        'a malware family (is_family true) must have a name',
        '4.11.1',
      );
    }
  },
);

export const threatActor = sdo(
  'threat-actor',
  '4.17',
  {
    name: req(string()),
    description: opt(string()),
    threat_actor_types: opt(list(vocab('threat-actor-type-ov'))),
    aliases: opt(strings),
    first_seen: opt(timestamp()),
    last_seen: opt(timestamp()),
    roles: opt(list(vocab('threat-actor-role-ov'))),
    goals: opt(strings),
    sophistication: opt(vocab('threat-actor-sophistication-ov')),
    resource_level: opt(vocab('attack-resource-level-ov')),
    primary_motivation: opt(vocab('attack-motivation-ov')),
    secondary_motivations: opt(list(vocab('attack-motivation-ov'))),
    personal_motivations: opt(list(vocab('attack-motivation-ov'))),
  },
  seenOrder('4.17.1'),
);

export const tool = sdo('tool', '4.18', {
  name: req(string()),
  description: opt(string()),
  tool_types: opt(list(vocab('tool-type-ov'))),
  aliases: opt(strings),
  kill_chain_phases: opt(killChainPhases),
  tool_version: opt(string()),
});

export const vulnerability = sdo(
  'vulnerability',
  '4.19',
  { name: req(string()), description: opt(string()) },
  externalIdRule('cve', CVE_ID, 'CVE-2014-0160', '4.19.1'),
);
