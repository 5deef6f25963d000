/**
 * Builds the browser tests' world once for a whole run (scripts/test-browser.mjs): prints it as
 * JSON; each suite then copies its folder instead of building it again.
 */
import { buildWorld } from './world.js';

process.stdout.write(`${JSON.stringify(await buildWorld())}\n`);
