/** Exit statuses of CONTRACT.md: 1 input read and found invalid, 2 bad usage or unreadable input or internal failure. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** An error the CLI reports as one `accord: <message>` line, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
