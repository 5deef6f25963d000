/** `accord rotate-key [--db PATH]`: seals every stored secret (peer passwords) with a new key. */
import type { RegisterCommand } from './register-command.js';

/** Registers `rotate-key`: prints the new key's fingerprint and how many secrets were sealed again. */
export const registerRotateKey: RegisterCommand = (program, ctx) => {
  program
    .command('rotate-key')
    .description(
      'replace the key that seals peer passwords (the key file beside the database, or $ACCORD_SECRET_KEY_FILE) and seal them again',
    )
    .option('--json', 'print {"fingerprint", "resealed", "keyFile"}')
    .option('--db <path>', 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)')
    .action(async (opts: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        const rotation = await store.rotateSecretKey();
        ctx.stdout.write(
          opts.json
            ? `${JSON.stringify(rotation)}\n`
            : `new key ${rotation.fingerprint} in ${rotation.keyFile}; ${rotation.resealed} secret(s) sealed again\n`,
        );
      } finally {
        await store.close();
      }
    });
};
