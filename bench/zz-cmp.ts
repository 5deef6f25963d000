import { createReadStream } from 'node:fs';
import { compileIndicators, eventSource, readIndicators, runDetection } from '../src/detect/index.js';

const inds = Array.from({ length: 20000 }, (_, i) => ({
  type: 'indicator',
  id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  pattern:
    i % 2
      ? `[ipv4-addr:value = '9.9.${(i >> 8) & 255}.${i & 255}']`
      : `[domain-name:value = 'x${i}.example.org']`,
  pattern_type: 'stix',
  spec_version: '2.1',
  valid_from: '2020-01-01T00:00:00Z',
}));
const compiled = compileIndicators(readIndicators(inds).indicators);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
async function floor() {
  const ips = new Set(['1.2.3.4']);
  let rest = '';
  let h = 0;
  for await (const chunk of createReadStream('/tmp/prof.json', {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      const r = JSON.parse(l);
      if (ips.has(r['id.resp_h']) || ips.has(r.query)) h++;
    }
  }
  return h;
}
async function detect() {
  const r = await runDetection({
    indicators: compiled,
    sources: [eventSource('/tmp/prof.json', process.stdin)],
    sink: { write: async () => {} },
    options: { format: 'zeek' },
  });
  return r.records;
}
for (let k = 0; k < 4; k++) {
  let t = cpu();
  await floor();
  const f = cpu() - t;
  t = cpu();
  await detect();
  const d = cpu() - t;
  console.log(
    `floor ${((200000 / f) * 1000).toFixed(0)}/s  detect ${((200000 / d) * 1000).toFixed(0)}/s  ratio ${(f / d).toFixed(2)}`,
  );
}
