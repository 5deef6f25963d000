/** Gives each conformance test a fresh store from the backend's factory and closes it afterwards. */
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../store.js';

/** Creates a new, initialised, empty store. */
export type StoreFactory = () => Promise<Store>;

/** Registers hooks creating a store before each test; returns its accessor. */
export function useStore(makeStore: StoreFactory): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (store === undefined) throw new Error('no store: call inside a test');
    return store;
  };
}
