/** Types of the planning half of run-step.mjs, for test/ops/image-parsers.test.ts. */
import type { Command } from './dockerfile.mjs';

export type PartPlan =
  | { readonly action: 'run'; readonly text: string; readonly argv?: readonly string[] }
  | { readonly action: 'mkdir'; readonly text: string; readonly paths: readonly string[] }
  | { readonly action: 'skip'; readonly text: string; readonly reason: string };

export function planPart(text: string): PartPlan;
export function planRun(command: Command): PartPlan[];
