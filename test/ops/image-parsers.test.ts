/**
 * The readers of the image rehearsal (scripts/image/, docs/decisions/0025-image-rehearsal.md):
 * Dockerfile lines, shell quoting and `&&` chains, .dockerignore matching, and which parts of a
 * RUN it runs on the host. A wrong reader would make the rehearsal replay another image, or run a
 * system command on the host.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMs, logicalLines, parseDockerfile, resolvePath } from '../../scripts/image/dockerfile.mjs';
import { isIgnored, matchSegment, parseDockerignore } from '../../scripts/image/dockerignore.mjs';
import { planPart, planRun } from '../../scripts/image/run-step.mjs';
import { splitAndChain, splitWords } from '../../scripts/image/shell-words.mjs';

/** Single-quotes a word for the shell (`'` as `'\''`). */
const quote = (w: string): string => `'${w.replaceAll("'", `'\\''`)}'`;
const word = fc.string({ minLength: 1, maxLength: 12 });
const plainWord = fc.stringMatching(/^[A-Za-z0-9._-]{1,10}$/);
// Not `.` or `..`: those are no file names.
const segmentName = fc.stringMatching(/^[a-z0-9][a-z0-9.]{0,7}$/);

describe('Dockerfile lines', () => {
  it('joins continued lines, skips comments inside them, and keeps the first line number', () => {
    const text = '# top\nFROM a AS b\n\nRUN x \\\n  # note\n  && y\nCMD ["z"]\n';
    expect(logicalLines(text)).toEqual([
      { line: 2, text: 'FROM a AS b' },
      { line: 4, text: 'RUN x && y' },
      { line: 7, text: 'CMD ["z"]' },
    ]);
  });

  it('reads ENV pairs, COPY --from, HEALTHCHECK options and both command forms', () => {
    const [build, run] = parseDockerfile(
      [
        'FROM node AS build',
        'FROM node',
        'ENV A=1 \\',
        '    B="two words"',
        'COPY --from=build /src/dist ./dist',
        'HEALTHCHECK --interval=30s --retries=3 CMD node -e "x"',
        'ENTRYPOINT ["node", "main.js"]',
        'CMD serve',
      ].join('\n'),
    );
    expect(build!.name).toBe('build');
    const ins = run!.instructions;
    expect(ins[0]!.pairs).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(ins[1]).toMatchObject({ from: 'build', sources: ['/src/dist'], dest: './dist' });
    expect(ins[2]).toMatchObject({ flags: { interval: '30s', retries: '3' } });
    expect(ins[2]!.command).toMatchObject({ form: 'shell', argv: ['/bin/sh', '-c', 'node -e "x"'] });
    expect(ins[3]!.command).toMatchObject({ form: 'exec', argv: ['node', 'main.js'] });
  });

  it('refuses instructions it cannot replay rather than ignoring them', () => {
    expect(() => parseDockerfile('FROM a\nARG X=1\n')).toThrow(/does not know ARG/);
    expect(() => parseDockerfile('RUN x\n')).toThrow(/before the first FROM/);
  });

  it('resolves image paths like a POSIX path join', () => {
    expect(resolvePath('/app', 'dist/cli/../cli/main.js')).toBe('/app/dist/cli/main.js');
    expect(resolvePath('/app', '/data')).toBe('/data');
    expect(resolvePath('/', '.')).toBe('/');
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
  });
});

describe('shell words', () => {
  it('gives back any words, single-quoted and joined by spaces', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        expect(splitWords(words.map(quote).join(' '))).toEqual(words);
      }),
    );
  });

  it('splits a chain on && only, never inside quotes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(plainWord, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const texts = parts.map((p) => p.join(' '));
          expect(splitAndChain(texts.join(' && '))).toEqual(texts);
          expect(splitAndChain(`echo ${quote(texts.join(' && '))}`)).toHaveLength(1);
        },
      ),
    );
  });

  it('refuses what it would not know how to skip: ; | || & $( and backquotes', () => {
    for (const text of ['a; apt-get x', 'a | b', 'a || b', 'a & b', 'echo "$(id)"', 'echo `id`'])
      expect(() => splitAndChain(text), text).toThrow(/only on "&&"/);
    expect(splitAndChain("echo '$(id); a'")).toEqual(["echo '$(id); a'"]);
  });
});

describe('.dockerignore', () => {
  it('matches * and ? within one segment, as the name itself when there are none', () => {
    fc.assert(
      fc.property(segmentName, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (name, marks) => {
        expect(matchSegment(name, name)).toBe(true);
        expect(matchSegment('*', name)).toBe(true);
        const wild = [...name].map((c, i) => (marks[i] ? '?' : c)).join('');
        expect(matchSegment(wild, name)).toBe(true);
        expect(matchSegment(`${name}?`, name)).toBe(false);
        expect(matchSegment(`*${name.slice(1)}`, name)).toBe(true);
      }),
    );
  });

  it('covers what is inside a matched folder, and the last matching line decides', () => {
    const rules = parseDockerignore('*\n!src\n**/*.db\n# comment\n/dist/\n');
    expect(isIgnored(rules, 'node_modules/a/b.js')).toBe(true);
    expect(isIgnored(rules, 'src/cli/main.ts')).toBe(false);
    expect(isIgnored(rules, 'src/deep/x.db')).toBe(true);
    expect(isIgnored(rules, 'dist/x.js')).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), segmentName, (order, name) => {
        const text = order.map((exclude) => `${exclude ? '' : '!'}${name}`).join('\n');
        expect(isIgnored(parseDockerignore(text), `${name}/file`)).toBe(order.at(-1));
      }),
    );
  });
});

describe('RUN on the host', () => {
  it('skips packages, users and ownership, and any part that touches an absolute path', () => {
    for (const text of [
      'apt-get update',
      'useradd --system accord',
      'chown accord:accord /data',
      'rm -rf /var/lib/apt/lists/*',
    ])
      expect(planPart(text).action, text).toBe('skip');
    expect(planPart('echo x >/etc/passwd').action).toBe('skip');
    expect(planPart('mkdir -p /data /etc/accord')).toMatchObject({
      action: 'mkdir',
      paths: ['/data', '/etc/accord'],
    });
    expect(planPart('npm run build').action).toBe('run');
    expect(planPart('node -e "fetch(\'http://127.0.0.1/healthz\')"').action).toBe('run');
  });

  it('plans every part of a chain in order', () => {
    const plan = planRun({
      form: 'shell',
      argv: [],
      text: 'groupadd g && mkdir -p /data && npm prune --omit=dev',
    });
    expect(plan.map((p) => p.action)).toEqual(['skip', 'mkdir', 'run']);
  });
});
