/** `accord peer add …`, `peer list`, `peer remove`, `peer test` (CONTRACT.md "Federation", "Operations"). */
import type { Command } from 'commander';
import { configurePeer, peerStatuses } from '../core/index.js';
import type { CliContext } from './context.js';
import { registerPeerOps } from './peer-ops.js';
import { registerPeerShow } from './peer-show.js';
import { readSecret } from './read-secret.js';

const DB = 'database path or URL (default: $ACCORD_DB or ./accord-data/accord.db)';

/** Registers `peer add` (prints the peer's name; exit 1 when the peer is invalid), `peer list`, `remove` and `test`. */
export const registerPeer: (program: Command, ctx: CliContext) => void = (program, ctx) => {
  const peer = program.command('peer').description('federation peers (other TAXII 2.1 nodes)');
  peer
    .command('add <name>')
    .description('configure a peer; works while the node is stopped (a running `accord serve` picks it up)')
    .requiredOption('--url <url>', "the peer's TAXII discovery URL (…/taxii2/) or an API root URL")
    .requiredOption('--user <username>', "this node's login on the peer")
    .option('--password <password>', "this node's password on the peer (visible to other users in `ps`)")
    .option(
      '--password-stdin',
      'read the password from the first line of stdin (else $ACCORD_PEER_PASSWORD, else asked)',
    )
    .requiredOption('--remote-collection <id>', 'the collection on the peer')
    .requiredOption('--collection <id>', 'the local collection')
    .option('--org <id>', 'the local organisation the peer is (default: NAME)')
    .option(
      '--speaks-for <orgs>',
      'comma-separated organisations whose objects the peer may relay (default: the --org organisation)',
    )
    .option('--pull', 'pull from the peer (neither --pull nor --push: both)')
    .option('--push', 'push to the peer')
    .option('--interval <seconds>', 'seconds between syncs under `accord serve`', '60')
    .option('--db <path>', DB)
    .action(
      async (
        name: string,
        o: {
          url: string;
          user: string;
          password?: string;
          passwordStdin?: boolean;
          remoteCollection: string;
          collection: string;
          org?: string;
          speaksFor?: string;
          pull?: boolean;
          push?: boolean;
          interval: string;
          db?: string;
        },
      ) => {
        const interval = Number(o.interval);
        const password = await readSecret(ctx, {
          ...(o.password === undefined ? {} : { flag: o.password }),
          stdin: o.passwordStdin === true,
          envVar: 'ACCORD_PEER_PASSWORD',
          prompt: `Password of ${o.user} on ${name}: `,
        });
        const store = await ctx.openStore(o.db);
        try {
          const added = await configurePeer(store, {
            name,
            url: o.url,
            username: o.user,
            password,
            remoteCollection: o.remoteCollection,
            localCollection: o.collection,
            intervalSeconds: interval,
            ...(o.org === undefined ? {} : { orgId: o.org }),
            ...(o.speaksFor === undefined
              ? {}
              : {
                  speaksFor: o.speaksFor
                    .split(',')
                    .map((x) => x.trim())
                    .filter((x) => x.length > 0),
                }),
            ...(o.pull ? { pull: true } : {}),
            ...(o.push ? { push: true } : {}),
          });
          const dirs = [added.pull ? 'pull' : '', added.push ? 'push' : ''].filter(Boolean).join('+');
          ctx.stdout.write(
            `${added.name}\tpeer added (${dirs} every ${added.intervalSeconds}s, as ${added.orgId})\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
  peer
    .command('list')
    .description('configured peers with their sync state: last success, lag, errors, conflicts')
    .option('--json', 'print a JSON array of peers, each with "id" (its name) and its sync state')
    .option('--db <path>', DB)
    .action(async (o: { json?: boolean; db?: string }) => {
      const store = await ctx.openStore(o.db);
      try {
        const peers = await peerStatuses(store);
        if (o.json) {
          // CONTRACT.md "Operations": every list is an array of objects with an `id`.
          ctx.stdout.write(`${JSON.stringify(peers.map((p) => ({ id: p.name, ...p })))}\n`);
          return;
        }
        if (peers.length === 0)
          ctx.stdout.write('no peers; add one with `accord peer add NAME --url URL …`\n');
        for (const p of peers) {
          const dirs = [p.pull ? 'pull' : '', p.push ? 'push' : ''].filter(Boolean).join('+');
          ctx.stdout.write(
            `${p.name}\t${dirs}\t${p.url}\tcollection ${p.remoteCollection} -> ${p.localCollection}\n`,
          );
          ctx.stdout.write(
            `  last success: ${p.lastSuccess ?? 'never'}` +
              `${p.lagSeconds === null ? '' : ` (${p.lagSeconds}s ago)`}` +
              `  conflicts: ${p.conflicts}  refused: ${p.refused}\n`,
          );
          if (p.lastError) ctx.stdout.write(`  last error: ${p.lastError}\n`);
          for (const c of p.recentConflicts)
            ctx.stdout.write(`  conflict: ${c.at} ${c.objectId} ${c.objectVersion}\n`);
        }
      } finally {
        await store.close();
      }
    });
  registerPeerOps(peer, ctx);
  registerPeerShow(peer, ctx);
};
