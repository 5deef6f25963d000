/**
 * The package's root export (`accord`): its three libraries as namespaces, for users who want
 * one import. Each is also a subpath of its own (`accord/stix`, `accord/pattern`,
 * `accord/taxii`). None loads a native module on import: `pattern` loads re2 only when a
 * pattern uses MATCHES (docs/guides/libraries.md); the server and the store are not exported.
 */
export * as pattern from './pattern/index.js';
export * as stix from './stix/index.js';
export * as taxii from './taxii/client/index.js';
