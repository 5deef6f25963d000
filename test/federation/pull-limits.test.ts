/**
 * Federation pull against a hostile peer: what a TAXII POST would refuse, a pulled page is
 * refused for too (docs/reference/limits.md): an object past the size limits alone, a page
 * that is not UTF-8 or nests too deep whole, recorded as the peer's error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configurePeer, peerStatuses, syncPeersOnce } from '../../src/core/index.js';
import { type Reply, startScriptedServer } from '../../src/taxii/client/test-support/scripted-server.js';
import { COLLECTION, indicator, startNode, type TestNode } from './support/in-process-node.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  while (nodes.length > 0) await nodes.pop()?.close();
});

/** A peer answering discovery and its API root, and `page` for the objects. */
async function hostilePeer(page: Reply) {
  return startScriptedServer((req) => {
    if (req.url === '/taxii2/')
      return { status: 200, body: { title: 'peer', default: '/api1/', api_roots: ['/api1/'] } };
    if (req.url === '/api1/')
      return {
        status: 200,
        body: { title: 'r', versions: ['application/taxii+json;version=2.1'], max_content_length: 1e6 },
      };
    return page;
  });
}

async function pullFrom(page: Reply) {
  const uk = await startNode('uk');
  nodes.push(uk);
  const peer = await hostilePeer(page);
  try {
    await configurePeer(uk.store, {
      name: 'us',
      url: `${peer.url}/taxii2/`,
      username: 'uk-peer',
      password: 'pw-uk-peer-secret',
      remoteCollection: COLLECTION,
      localCollection: COLLECTION,
      pull: true,
    });
    const [report] = await syncPeersOnce(uk.store, {});
    return { uk, report };
  } finally {
    await peer.close();
  }
}

describe('federation pull refuses what is past the input limits', () => {
  it('an object with 450,000 custom properties is rejected alone; the rest of the page is stored', async () => {
    const big = indicator(2);
    for (let i = 0; i < 450_000; i++) big[`x_p${i}`] = 1;
    const { uk, report } = await pullFrom({
      status: 200,
      raw: `{"more":false,"objects":[${JSON.stringify(indicator(1))},${JSON.stringify(big)}]}`,
    });
    expect(report?.pull).toMatchObject({ received: 2, accepted: 1, rejected: 1 });
    expect(report?.pull?.rejections[0]).toMatch(/more than 1000 properties/);
    expect(await uk.store.getVersions(COLLECTION, String(big.id))).toEqual([]);
  });

  it('a page that is not UTF-8 is refused whole and recorded as the peer error, nothing stored', async () => {
    const text = JSON.stringify({ more: false, objects: [indicator(1)] });
    const at = text.indexOf('"type"');
    const { uk, report } = await pullFrom({
      status: 200,
      raw: Buffer.concat([
        Buffer.from(text.slice(0, at)),
        Buffer.from([0xc0, 0x80]),
        Buffer.from(text.slice(at)),
      ]),
    });
    expect(report?.error).toMatch(/invalid UTF-8: an overlong encoding/);
    expect((await peerStatuses(uk.store))[0]?.lastError).toMatch(/invalid UTF-8/);
    expect(await uk.store.getVersions(COLLECTION, String(indicator(1).id))).toEqual([]);
  });
});
