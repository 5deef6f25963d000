/**
 * `accord user add|list|show|remove|password|disable|enable` (CONTRACT.md "Node administration" and
 * "Operations"). Passwords come from stdin, `$ACCORD_PASSWORD` or a terminal prompt that does
 * not echo; `--password PW` works too, but every user of the machine sees it in `ps`.
 */
import { addUser, listUsers, setPassword, setUserDisabled } from '../core/index.js';
import type { Role } from '../store/index.js';
import { printList } from './print-list.js';
import { readSecret } from './read-secret.js';
import type { RegisterCommand } from './register-command.js';
import { registerUserRecords } from './user-records.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Registers the `user` commands; each exits 1 for an unknown user or organisation or a password under 8 characters. */
export const registerUser: RegisterCommand = (program, ctx) => {
  const user = program.command('user').description('user accounts');
  user
    .command('add <username>')
    .description('create a user of an organisation (password: --password-stdin, $ACCORD_PASSWORD, or asked)')
    .requiredOption('--org <org>', 'organisation id')
    .option('--password <password>', 'password, at least 8 characters (visible to other users in `ps`)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--role <role>', 'admin, editor or reader', 'editor')
    .option('--db <path>', DB)
    .action(
      async (
        username: string,
        opts: { org: string; password?: string; passwordStdin?: boolean; role: string; db?: string },
      ) => {
        const password = await readSecret(ctx, {
          ...(opts.password === undefined ? {} : { flag: opts.password }),
          stdin: opts.passwordStdin === true,
          envVar: 'ACCORD_PASSWORD',
          prompt: `Password for ${username}: `,
          confirm: true,
        });
        const store = await ctx.openStore(opts.db);
        try {
          await addUser(store, { username, orgId: opts.org, password, role: opts.role as Role });
          ctx.stdout.write(`user ${username} added to ${opts.org} (${opts.role})\n`);
        } finally {
          await store.close();
        }
      },
    );
  user
    .command('list')
    .description('users with their organisation, role and whether they are disabled')
    .option('--org <org>', 'only the users of this organisation')
    .option('--json', 'print a JSON array of {"username", "org", "role", "disabled"}')
    .option('--db <path>', DB)
    .action(async (opts: { org?: string; json?: boolean; db?: string }) => {
      const store = await ctx.openStore(opts.db);
      try {
        printList(
          ctx,
          await listUsers(store, opts.org),
          [
            { header: 'USERNAME', cell: (u) => u.username },
            { header: 'ORG', cell: (u) => u.org },
            { header: 'ROLE', cell: (u) => u.role },
            { header: 'STATUS', cell: (u) => (u.disabled ? 'disabled' : 'active') },
          ],
          { json: opts.json, empty: 'no users; add one with `accord user add USERNAME --org ID`' },
        );
      } finally {
        await store.close();
      }
    });
  user
    .command('password <username>')
    .description(
      "set a user's password, read from stdin when it is not a terminal, else $ACCORD_PASSWORD, else asked; the old one stops working at once",
    )
    .option('--password-stdin', 'read the password from the first line of stdin (also at a terminal)')
    .option('--db <path>', DB)
    .action(async (username: string, opts: { passwordStdin?: boolean; db?: string }) => {
      const password = await readSecret(ctx, {
        stdin: opts.passwordStdin === true,
        stdinUnlessTerminal: true,
        envVar: 'ACCORD_PASSWORD',
        prompt: `New password for ${username}: `,
        confirm: true,
      });
      const store = await ctx.openStore(opts.db);
      try {
        await setPassword(store, username, password);
        ctx.stdout.write(`password of ${username} changed\n`);
      } finally {
        await store.close();
      }
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(
        disabled
          ? 'refuse every login of a user (password and tokens) at once, on every process'
          : 'let a disabled user log in again',
      )
      .option('--db <path>', DB)
      .action(async (username: string, opts: { db?: string }) => {
        const store = await ctx.openStore(opts.db);
        try {
          await setUserDisabled(store, username, disabled);
          ctx.stdout.write(`user ${username} ${disabled ? 'disabled' : 'enabled'}\n`);
        } finally {
          await store.close();
        }
      });
  }
  registerUserRecords(user, ctx);
};
