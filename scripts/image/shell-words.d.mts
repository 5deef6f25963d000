/** Types of shell-words.mjs, for test/ops/image-parsers.test.ts. */

export function splitWords(text: string): string[];
export function splitAndChain(text: string): string[];
