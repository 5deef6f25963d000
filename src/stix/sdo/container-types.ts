/** SDOs that group or comment on other objects: 4.4 grouping, 4.13 note, 4.15 opinion, 4.16 report. */
import { list } from '../checks/collections.js';
import { REF, reference } from '../checks/identifier.js';
import { string } from '../checks/primitives.js';
import { timestamp } from '../checks/timestamp.js';
import { vocab } from '../checks/vocab.js';
import { opt, req } from '../validate/context.js';
import { sdo } from './define.js';

const objectRefs = (section: string) => list(reference(REF.anyObject, section));

export const grouping = sdo('grouping', '4.4', {
  name: req(string()),
  description: opt(string()),
  context: req(vocab('grouping-context-ov')),
  object_refs: req(objectRefs('4.4.1')),
});

export const note = sdo('note', '4.13', {
  abstract: opt(string()),
  content: req(string()),
  authors: opt(list(string())),
  object_refs: req(objectRefs('4.13.1')),
});

export const opinion = sdo('opinion', '4.15', {
  explanation: opt(string()),
  authors: opt(list(string())),
  opinion: req(vocab('opinion-enum')),
  object_refs: req(objectRefs('4.15.1')),
});

export const report = sdo('report', '4.16', {
  name: req(string()),
  description: opt(string()),
  report_types: opt(list(vocab('report-type-ov'))),
  published: req(timestamp()),
  object_refs: req(objectRefs('4.16.1')),
});
