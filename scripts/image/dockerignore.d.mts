/** Types of dockerignore.mjs, for test/ops/image.test.ts. */

export interface IgnoreRule {
  readonly exclude: boolean;
  readonly segments: readonly string[];
  readonly text: string;
}

export function parseDockerignore(text: string): IgnoreRule[];
export function matchSegment(pattern: string, name: string): boolean;
export function isIgnored(rules: readonly IgnoreRule[], relPath: string): boolean;
