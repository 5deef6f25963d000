/** The adapter of each format (an explicit registry). */
import { createEcsAdapter } from './ecs.js';
import type { AdapterOptions, LogAdapter, LogFormat } from './log-adapter.js';
import { createEveAdapter } from './suricata-eve.js';
import { createW3cAdapter } from './w3c.js';
import { createZeekAdapter } from './zeek.js';

/** Each format's adapter factory. */
export const ADAPTERS: Readonly<Record<LogFormat, (options: AdapterOptions) => LogAdapter>> = {
  ecs: createEcsAdapter,
  zeek: createZeekAdapter,
  w3c: createW3cAdapter,
  suricata: createEveAdapter,
};

/** A fresh adapter (one per file: header state is per file). */
export function createAdapter(format: LogFormat, options: AdapterOptions = {}): LogAdapter {
  return ADAPTERS[format](options);
}
