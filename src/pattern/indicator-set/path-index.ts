/** The value indexes of one (object type, path): exact values, IP networks, CIDR blocks, LIKE/regex prefixes and suffixes. */
import type { PathStep } from '../ast.js';
import { type IpNetwork, maskV4, maskV6, networkKey, parseIpNetwork } from '../matcher/ip-network.js';
import type { PathVisitor } from '../matcher/object-path.js';
import { isBinaryKey, isIpValue, textForMatching } from '../matcher/value-predicate.js';
import type { IndexKey } from './index-keys.js';

type Ids = number[];

/** Receives the pattern ids an event hits. */
export interface CandidateSink {
  add(ids: readonly number[]): void;
}

function push<K>(map: Map<K, Ids>, key: K, id: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== id) list.push(id);
  } else map.set(key, [id]);
}

/** Strings indexed by a fixed-length prefix or suffix, one map per length present. */
class AffixIndex {
  private readonly byLength = new Map<number, Map<string, Ids>>();
  private lengths: number[] = [];

  constructor(private readonly suffix: boolean) {}

  add(text: string, id: number): void {
    let m = this.byLength.get(text.length);
    if (!m) {
      m = new Map();
      this.byLength.set(text.length, m);
      this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
    }
    push(m, text, id);
  }

  lookup(value: string, sink: CandidateSink): void {
    for (const len of this.lengths) {
      if (len > value.length) break;
      const part = this.suffix ? value.slice(value.length - len) : value.slice(0, len);
      const ids = this.byLength.get(len)?.get(part);
      if (ids) sink.add(ids);
    }
  }

  get empty(): boolean {
    return this.lengths.length === 0;
  }
}

/** The indexes of one path of one object type; `visitor` feeds the values a walk reaches to `sink`. */
export class PathIndex {
  private readonly eq = new Map<string, Ids>();
  /**
   * 9.3: IP constants compared as networks on IP objects: IPv4 hosts by integer, others by network
   * key. IPv4 integers are keyed as signed 32-bit (`| 0`), which V8 hashes as small integers; half
   * the addresses would otherwise be boxed numbers, slower to hash and look up.
   */
  private readonly ipv4Hosts = new Map<number, Ids>();
  private readonly networks = new Map<string, Ids>();
  private readonly cidr4 = new Map<number, Map<number, Ids>>();
  private readonly cidr6 = new Map<number, Map<string, Ids>>();
  private readonly prefixes = new AffixIndex(false);
  private readonly suffixes = new AffixIndex(true);
  private cidr4Lengths: number[] = [];
  private cidr6Lengths: number[] = [];
  readonly visitor: PathVisitor;

  constructor(
    readonly steps: readonly PathStep[],
    private readonly sink: CandidateSink,
  ) {
    this.visitor = (value, ownerType, key) => {
      this.lookup(value, ownerType, key);
      return false;
    };
  }

  /** Registers pattern `id` under `key` (whose type and path are this index's). */
  add(key: IndexKey, id: number): void {
    switch (key.kind) {
      case 'eq':
        push(this.eq, key.value, id);
        break;
      case 'ip':
        if (key.net.family === 4 && key.net.prefix === 32) push(this.ipv4Hosts, key.net.v4 | 0, id);
        else push(this.networks, networkKey(key.net), id);
        break;
      case 'prefix':
        this.prefixes.add(key.text, id);
        break;
      case 'suffix':
        this.suffixes.add(key.text, id);
        break;
      case 'cidr':
        this.addCidr(key.net, id);
        break;
      case 'type':
        break;
    }
  }

  private addCidr(net: IpNetwork, id: number): void {
    if (net.family === 4) {
      let m = this.cidr4.get(net.prefix);
      if (!m) {
        m = new Map();
        this.cidr4.set(net.prefix, m);
      }
      push(m, net.v4 | 0, id);
      this.cidr4Lengths = [...this.cidr4.keys()].sort((a, b) => a - b);
    } else {
      let m = this.cidr6.get(net.prefix);
      if (!m) {
        m = new Map();
        this.cidr6.set(net.prefix, m);
      }
      push(m, Buffer.from(net.v6).toString('hex'), id);
      this.cidr6Lengths = [...this.cidr6.keys()].sort((a, b) => a - b);
    }
  }

  /** Reports the pattern ids whose keys one property value hits. */
  private lookup(value: unknown, ownerType: unknown, key: string): void {
    if (typeof value !== 'string') return;
    const sink = this.sink;
    const hasCidr = this.cidr4Lengths.length > 0 || this.cidr6Lengths.length > 0;
    const ipEquality = (this.ipv4Hosts.size > 0 || this.networks.size > 0) && isIpValue(ownerType, key);
    const net = hasCidr || ipEquality ? parseIpNetwork(value) : undefined;
    if (net && ipEquality) {
      // An equality key equal to this value is an IP constant too, so index-keys.ts indexed it
      // by network as well: one lookup by network finds it (the large value map is skipped).
      const ids =
        net.family === 4 && net.prefix === 32
          ? this.ipv4Hosts.get(net.v4 | 0)
          : this.networks.get(networkKey(net));
      if (ids) sink.add(ids);
    } else {
      const exact = this.eq.get(value);
      if (exact) sink.add(exact);
    }
    if (net && hasCidr) this.lookupCidr(net);
    if ((!this.prefixes.empty || !this.suffixes.empty) && !isBinaryKey(key)) {
      const text = textForMatching(value, key);
      if (text === undefined) return;
      this.prefixes.lookup(text, sink);
      this.suffixes.lookup(text, sink);
    }
  }

  // ISSUBSET: the value lies within an indexed block when its first `len` bits equal the block's.
  private lookupCidr(net: IpNetwork): void {
    if (net.family === 4) {
      for (const len of this.cidr4Lengths) {
        if (len > net.prefix) break;
        const ids = this.cidr4.get(len)?.get(maskV4(net.v4, len) | 0);
        if (ids) this.sink.add(ids);
      }
      return;
    }
    for (const len of this.cidr6Lengths) {
      if (len > net.prefix) break;
      const ids = this.cidr6.get(len)?.get(Buffer.from(maskV6(net.v6, len)).toString('hex'));
      if (ids) this.sink.add(ids);
    }
  }
}
