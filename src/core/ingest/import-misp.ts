/**
 * MISP input of `accord import` (CONTRACT.md "Interoperability"): event files (`{"Event": …}`,
 * `{"response": […]}`, lists of events) and feed directories (manifest.json + <uuid>.json, read
 * incrementally: the node's store holds which event timestamps it has, import-feed-state.ts).
 * interop/ converts each event into its STIX unit; the run stores every event whole, and reports
 * per event and attribute what was rejected (invalid) or left out (no counterpart).
 */
import { type MispLimits, mispItems } from '../../interop/index.js';
import type { Caller } from '../accounts/caller.js';
import type { NodeServices } from '../node/node-services.js';
import { feedStateInStore } from './import-feed-state.js';
import type { ImportRun } from './import-run.js';
import type { ImportFailure } from './import-sources.js';

/** What the MISP import of one path needs. */
export interface MispImportContext {
  readonly node: NodeServices;
  readonly caller: Caller;
  readonly collectionId: string;
  readonly run: ImportRun;
  /** Identities handed on so far in this run (each organisation's identity goes once). */
  readonly seenIdentities: Set<string>;
  readonly limits?: MispLimits;
  /** Called after each event, with the event file just read (to advance a progress bar). */
  readonly onEvent?: (file: string) => Promise<void>;
}

/**
 * Imports one MISP event file or feed directory, `label` naming it in reports. Returns the files
 * that could not be read whole (not JSON, cut short: nothing of them is stored, as for STIX).
 */
export async function importMisp(
  path: string,
  label: string,
  ctx: MispImportContext,
): Promise<ImportFailure[]> {
  const failed: ImportFailure[] = [];
  const { run } = ctx;
  const units = mispItems([path], {
    seenIdentities: ctx.seenIdentities,
    ...(ctx.limits === undefined ? {} : { limits: ctx.limits }),
    feedStateOf: async (manifest) => {
      const state = await feedStateInStore(ctx.node, ctx.caller, ctx.collectionId, manifest);
      run.misp.unchangedEvents += manifest.entries.filter((e) => state[e.uuid] === e.timestamp).length;
      return state;
    },
  });
  for await (const unit of units) {
    // The spooled stdin or a directory's own path is named as the user gave it.
    const file = unit.file === path ? label : unit.file;
    const whole = unit.issues[0];
    if (unit.event === '' && unit.items.length === 0 && whole?.code === 'INTEROP_NOT_JSON') {
      failed.push({ file, message: `${whole.message}; nothing from this file was stored`, stored: 0 });
      await ctx.onEvent?.(unit.file);
      continue;
    }
    for (const issue of unit.issues) run.issue(file, unit.event, issue);
    if (unit.event !== '' || unit.items.length > 0)
      await run.addEvent({ file, event: unit.event, items: unit.items });
    await ctx.onEvent?.(unit.file);
  }
  await run.flush();
  return failed;
}
