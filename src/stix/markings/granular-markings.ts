/** Granular markings (spec 7.2.3): shape, marking_ref xor lang, and selectors that resolve on the object. */
import { list, nested } from '../checks/collections.js';
import { REF, reference } from '../checks/identifier.js';
import { languageCode } from '../checks/language.js';
import { string } from '../checks/primitives.js';
import { type Check, type Context, isRecord, opt, req } from '../validate/context.js';

// 7.2.3 selector syntax: components separated by '.', each a property name / key or a [n] list index.
const INDEX = /^\[(0|[1-9]\d*)\]$/;

/** Why a selector does not resolve on `root`, or undefined when it selects present content (7.2.3). */
export function selectorProblem(root: unknown, selector: string): string | undefined {
  if (selector === '') return 'a selector must not be empty';
  let current: unknown = root;
  for (const component of selector.split('.')) {
    if (component === '') return `selector "${selector}" has an empty component`;
    const index = INDEX.exec(component);
    if (index !== null) {
      if (!Array.isArray(current))
        return `selector "${selector}": "${component}" indexes something that is not a list`;
      const i = Number(index[1]);
      if (i >= current.length) return `selector "${selector}": index ${i} is past the end of the list`;
      current = current[i];
    } else {
      if (!isRecord(current))
        return `selector "${selector}": "${component}" names a property of something that is not an object`;
      if (!Object.hasOwn(current, component))
        return `selector "${selector}": the object has no property "${component}"`;
      current = current[component];
    }
  }
  return undefined;
}

const selector: Check = (value, path, ctx: Context) => {
  if (typeof value !== 'string') {
    string()(value, path, ctx);
    return;
  }
  const problem = selectorProblem(ctx.root, value);
  if (problem !== undefined)
    ctx.error(
      'STIX_GRANULAR_MARKING',
      path,
      `${problem}; selectors must refer to content present on the object`,
      '7.2.3',
    );
};

/** One granular-marking (7.2.3). */
export const granularMarking: Check = nested(
  {
    selectors: req(list(selector)),
    marking_ref: opt(reference(REF.markingDefinition, '7.2.3')),
    lang: opt(languageCode('7.2.3')),
  },
  {
    name: 'granular-marking',
    section: '7.2.3',
    hook: (marking, path, ctx) => {
      const hasRef = marking.marking_ref !== undefined;
      const hasLang = marking.lang !== undefined;
      if (hasRef === hasLang) {
        ctx.error(
          'STIX_GRANULAR_MARKING',
          path,
          hasRef
            ? 'a granular marking must have either marking_ref or lang, not both'
            : 'a granular marking needs marking_ref or lang',
          '7.2.3',
        );
      }
      // A marking definition may be marked, but never by itself (3.2, as for object_marking_refs).
      if (ctx.root.type === 'marking-definition' && hasRef && marking.marking_ref === ctx.root.id) {
        ctx.error(
          'STIX_CIRCULAR_MARKING',
          `${path}/marking_ref`,
          'a marking definition must not mark itself, granularly or not',
          '3.2',
        );
      }
    },
  },
);

/** The granular_markings list. */
export const granularMarkings: Check = list(granularMarking);
