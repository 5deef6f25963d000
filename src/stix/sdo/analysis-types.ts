/** SDOs of detection and analysis: 4.7 indicator, 4.12 malware-analysis, 4.14 observed-data. */
import { checkDictionary, list } from '../checks/collections.js';
import { identifierType, REF, reference } from '../checks/identifier.js';
import { integer, string } from '../checks/primitives.js';
import { refsTo, refTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
import { vocab } from '../checks/vocab.js';
import { killChainPhases } from '../common/structured-types.js';
import { kindOf } from '../common/type-names.js';
import { type Check, isRecord, jsonType, opt, pointer, req } from '../validate/context.js';
import { patternBalanceProblem } from '../validate/pattern-balance.js';
import { atLeastOne, exclusive, timeOrder } from '../validate/rules.js';
import { sdo } from './define.js';

export const indicator = sdo(
  'indicator',
  '4.7',
  {
    name: opt(string()),
    description: opt(string()),
    indicator_types: opt(list(vocab('indicator-type-ov'))),
    pattern: req(string()),
    // STIX 2.0 indicators have no pattern_type: required in 2.1 only.
    pattern_type: req(vocab('pattern-type-ov'), false),
    pattern_version: opt(string()),
    valid_from: req(timestamp()),
    valid_until: opt(timestamp()),
    kill_chain_phases: opt(killChainPhases),
  },
  (obj, path, ctx) => {
    timeOrder(obj, path, ctx, 'valid_from', 'valid_until', true, '4.7.1');
    const stixPattern =
      obj.pattern_type === 'stix' || (ctx.specVersion === '2.0' && obj.pattern_type === undefined);
    if (!stixPattern || typeof obj.pattern !== 'string') return;
    const check = ctx.options.patternCheck;
    const problem = check ? check(obj.pattern, ctx.specVersion) : patternBalanceProblem(obj.pattern);
    if (problem !== undefined)
      ctx.error('STIX_PATTERN', pointer(path, 'pattern'), `invalid STIX pattern: ${problem}`, '9');
  },
);

export const malwareAnalysis = sdo(
  'malware-analysis',
  '4.12',
  {
    product: req(string()),
    version: opt(string()),
    host_vm_ref: opt(refTo('4.12.1', 'software')),
    operating_system_ref: opt(refTo('4.12.1', 'software')),
    installed_software_refs: opt(refsTo('4.12.1', 'software')),
    configuration_version: opt(string()),
    modules: opt(list(string())),
    analysis_engine_version: opt(string()),
    analysis_definition_version: opt(string()),
    submitted: opt(timestamp()),
    analysis_started: opt(timestamp()),
    analysis_ended: opt(timestamp()),
    result_name: opt(string()),
    result: opt(vocab('malware-result-ov')),
    analysis_sco_refs: opt(list(reference(REF.anyObject, '4.12.2'))),
    sample_ref: opt(refTo('4.12.1', 'file', 'network-traffic', 'artifact')),
  },
  (obj, path, ctx) => {
    atLeastOne(obj, path, ctx, ['result', 'analysis_sco_refs'], '4.12');
    timeOrder(obj, path, ctx, 'analysis_started', 'analysis_ended', false, '4.12.1');
    if (typeof obj.product === 'string' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(obj.product)) {
      ctx.warn(
        'STIX_INVALID_VALUE',
        `${path}/product`,
        'product names should be lower case with words separated by -',
        '4.12.1',
      );
    }
  },
);

// 4.14.1: object_refs lists SCOs and SROs, and at least one SCO.
const scoOrSroRef: Check = reference(
  { kinds: ['sco', 'sro', 'custom'], describe: 'an SCO or SRO' },
  '4.14.1',
);

// 2.13 (deprecated observable container): a non-empty dictionary of cyber-observable objects.
const observableContainer: Check = (value, path, ctx) => {
  const dict = checkDictionary(value, path, ctx);
  if (dict === undefined) return;
  for (const key in dict) {
    const item = dict[key];
    if (!isRecord(item)) {
      ctx.error(
        'STIX_WRONG_TYPE',
        pointer(path, key),
        `must be a cyber-observable object, not ${jsonType(item)}`,
        '2.13',
      );
    } else if (typeof item.type !== 'string') {
      ctx.error(
        'STIX_MISSING_PROPERTY',
        pointer(pointer(path, key), 'type'),
        'a cyber-observable object needs a type',
        '2.13',
      );
    }
  }
};

export const observedData = sdo(
  'observed-data',
  '4.14',
  {
    first_observed: req(timestamp()),
    last_observed: req(timestamp()),
    number_observed: req(integer({ min: 1, max: 999_999_999, section: '4.14.1' })),
    objects: opt(observableContainer),
    object_refs: opt(list(scoOrSroRef)),
  },
  (obj, path, ctx) => {
    timeOrder(obj, path, ctx, 'first_observed', 'last_observed', false, '4.14.1');
    exclusive(obj, path, ctx, 'object_refs', 'objects', '4.14');
    atLeastOne(obj, path, ctx, ['object_refs', 'objects'], '4.14');
    if (obj.objects !== undefined && ctx.specVersion === '2.1') {
      ctx.warn(
        'STIX_DEPRECATED',
        pointer(path, 'objects'),
        'objects is deprecated in STIX 2.1; use object_refs to SCOs',
        '4.14.1',
      );
    }
    const refs = obj.object_refs;
    if (Array.isArray(refs) && refs.length > 0) {
      const anySco = refs.some((r) => typeof r === 'string' && kindOf(identifierType(r) ?? '') === 'sco');
      if (!anySco)
        ctx.error(
          'STIX_REFERENCE_TYPE',
          pointer(path, 'object_refs'),
          'object_refs must contain at least one SCO reference',
          '4.14.1',
        );
    }
  },
);
