/** Types of dockerfile.mjs, for the tests that read the Dockerfile (test/ops/image.test.ts). */

/** A command of RUN, CMD, ENTRYPOINT or HEALTHCHECK: exec form, or shell form as `/bin/sh -c TEXT`. */
export interface Command {
  readonly form: 'exec' | 'shell';
  readonly argv: readonly string[];
  readonly text: string;
}

export interface Instruction {
  readonly line: number;
  readonly keyword: string;
  readonly args: string;
  /** COPY */
  readonly from?: string | null;
  readonly flags?: Readonly<Record<string, string>>;
  readonly sources?: readonly string[];
  readonly dest?: string;
  /** ENV */
  readonly pairs?: readonly (readonly [string, string])[];
  /** RUN, CMD, ENTRYPOINT; HEALTHCHECK (null for NONE) */
  readonly command?: Command | null;
  /** VOLUME */
  readonly paths?: readonly string[];
}

export interface Stage {
  readonly index: number;
  readonly name: string | null;
  readonly image: string;
  readonly instructions: readonly Instruction[];
}

export interface StageSettings {
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly user: string;
  readonly healthcheck: Instruction | null;
  readonly entrypoint: Command | null;
  readonly cmd: Command | null;
  readonly expose: readonly string[];
  readonly volumes: readonly string[];
}

export function logicalLines(text: string): { line: number; text: string }[];
export function parseDockerfile(text: string): Stage[];
export function stageNamed(stages: readonly Stage[], ref: string, before: number): Stage;
export function stageSettings(stage: Stage): StageSettings;
export function resolvePath(dir: string, rel: string): string;
export function durationMs(text: string): number;
