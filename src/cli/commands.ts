import { registerAudit } from './audit.js';
import { registerCollection } from './collection.js';
import { registerDetect } from './detect.js';
import { registerEmbargo } from './embargo.js';
import { registerGroup } from './group.js';
import { registerImport } from './import.js';
import { registerOrg } from './org.js';
import { registerPattern } from './pattern.js';
import { registerPeer } from './peer.js';
import type { RegisterCommand } from './register-command.js';
import { registerRotateKey } from './rotate-key.js';
import { registerServe } from './serve.js';
import { registerStixId } from './stix-id.js';
import { registerSync } from './sync.js';
import { registerToken } from './token.js';
import { registerUser } from './user.js';
import { registerValidate } from './validate.js';

/**
 * Every command of the CLI, in the order `accord --help` lists them. Each entry lives in its
 * own file beside this one (CONTRACT.md fixes their names, options and exit statuses).
 */
export const COMMANDS: readonly RegisterCommand[] = [
  registerOrg,
  registerUser,
  registerToken,
  registerCollection,
  registerImport,
  registerServe,
  registerGroup,
  registerEmbargo,
  registerAudit,
  registerPattern,
  registerDetect,
  registerPeer,
  registerSync,
  registerRotateKey,
  registerValidate,
  registerStixId,
];
