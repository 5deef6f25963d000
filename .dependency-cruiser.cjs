/** Module boundaries of ../shared/DESIGN.md and STYLE.md: dependencies point one way. */
const lib = (from, notTo, comment) => ({
  name: `${from}-not-to-${notTo.replace(/[^a-z]+/g, '-')}`,
  comment,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/(${notTo})/` },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-shells',
      comment: 'Nothing imports server/ or cli/: they are composition roots.',
      severity: 'error',
      from: { path: '^src/(?!cli/|server/)' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'store-backends-from-roots-only',
      comment:
        'Only the composition roots (cli/, server/) pick a store backend; everything else talks to the ports of store/index.ts (issue 14).',
      severity: 'error',
      from: { path: '^src/(?!store/|cli/|server/)' },
      to: { path: '^src/store/(sqlite|postgres)/' },
    },
    {
      name: 'errors-import-nothing',
      comment: 'errors/ is the base every module shares: it imports nothing from src/ (issue 14).',
      severity: 'error',
      from: { path: '^src/errors/' },
      to: { path: '^src/', pathNot: '^src/errors/' },
    },
    lib('stix', 'pattern|store|policy|taxii|federation|core|detect|intel', 'stix/ knows nothing of storage, HTTP or users.'),
    lib('pattern', 'store|policy|taxii|federation|core|detect|intel', 'pattern/ touches no I/O.'),
    lib('store', 'policy|taxii|federation|core|detect|intel', 'store/ does not decide visibility.'),
    lib('policy', 'taxii|federation|core|detect|intel', 'policy/ is a pure decision module.'),
    lib('taxii', 'federation|core|detect|intel', 'taxii/ holds no business rules.'),
    lib(
      'detect',
      'store|policy|taxii|federation|core|intel',
      'detect/ reaches indicators and keeps sightings through ports; core/ wires it to a node.',
    ),
    lib('interop', 'store|policy|taxii|federation|core|detect|intel', 'interop/ converts formats; core wires it into import and export.'),
    {
      name: 'interop-misp-stix-and-pattern-only',
      comment: 'interop/misp/ converts MISP content with the STIX and pattern libraries only (issue 19).',
      severity: 'error',
      from: { path: '^src/interop/misp/' },
      to: { path: '^src/', pathNot: '^src/(stix|pattern|interop)/' },
    },
    {
      name: 'interop-misp-no-packages',
      comment: 'interop/misp/ needs no npm package.',
      severity: 'error',
      from: { path: '^src/interop/misp/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    {
      name: 'interop-misp-no-io',
      comment: 'interop/misp/ touches no I/O but the feed-directory reader (feed-directory.ts).',
      severity: 'error',
      from: { path: '^src/interop/misp/', pathNot: '^src/interop/misp/feed-directory\\.ts$' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|child_process|http|https|http2|dgram|dns|worker_threads|readline|stream)$',
      },
    },
    lib(
      'scale',
      'stix|pattern|store|policy|taxii|federation|core|detect|intel|interop',
      'scale/ carries hints between the processes of a node: it knows the bus, not the domain (issue 18).',
    ),
    lib('intel', 'store|taxii|federation|core|detect', 'intel/ is pure: no storage, transport or use cases; callers hand it what a reader may see.'),
    {
      name: 'cli-commands-load-lazily',
      comment:
        'cli/main.ts and cli/commands.ts import command modules, other folders and native packages only with await import(): a run loads only the command it names (issue 14).',
      severity: 'error',
      from: { path: '^src/cli/(main|commands|build-program)\\.ts$' },
      to: {
        path: '^src/(?!cli/(cli-error|commands|build-program|context|register-command|unknown-options|config/apply-settings|config/settings)\\.ts$)|better-sqlite3|fastify|re2|pg|nats',
        dynamic: false,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-through-index',
      comment: 'Other folders import a module only through its index.ts (its public surface).',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/([^/]+)/.+',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/taxii/client/index\\.ts$', '^src/store/sqlite/index\\.ts$', '^src/store/postgres/index\\.ts$',
          // The one validation policy alone: the core barrel loads every use case (issue 14, `accord validate`).
          '^src/core/ingest/stix-validation\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|\\.suite\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
