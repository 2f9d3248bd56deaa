// Import direction of src/ (`npm run lint:deps`; .ci/run runs it). The layers, lowest first:
//
//   shared  <-  backend  <-  quant  <-  face, data  <-  model  <-  edit  <-  train, eval  <-  server, cli
//
// A module imports only from its own layer and the layers below it, with these refinements:
// data may import face (not the reverse); eval may import edit, but train and eval do not
// import each other; cli may import server, server must not import cli. quant is the core the
// model builds on (quantizers, codes, the packed file format, recurrent cells), so it sees only
// backend and shared. A test file beside its module obeys that module's layer; test/ (the
// end-to-end tests and the test helpers) may import anything, and only test files may import it.
// Type-only imports count: a cycle through a types file is still a cycle for a reader.

/** The top-level folders of src/ each layer may import besides its own (anything else is an error). */
const ALLOWED = {
  shared: [],
  backend: ['shared'],
  quant: ['shared', 'backend'],
  face: ['shared', 'backend', 'quant'],
  data: ['shared', 'backend', 'quant', 'face'],
  model: ['shared', 'backend', 'quant', 'face', 'data'],
  edit: ['shared', 'backend', 'quant', 'face', 'data', 'model'],
  train: ['shared', 'backend', 'quant', 'face', 'data', 'model', 'edit'],
  eval: ['shared', 'backend', 'quant', 'face', 'data', 'model', 'edit'],
  server: ['shared', 'backend', 'quant', 'face', 'data', 'model', 'edit', 'train', 'eval'],
  cli: ['shared', 'backend', 'quant', 'face', 'data', 'model', 'edit', 'train', 'eval', 'server'],
};

const layerRules = Object.entries(ALLOWED).map(([layer, below]) => ({
  name: `layer-${layer}`,
  comment: below.length === 0
    ? `src/${layer} imports nothing else from src/`
    : `src/${layer} imports only src/{${below.join(',')}} besides itself`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: `^src/(${[layer, ...below].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle, inside a module or across modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'src-not-into-test',
      comment: 'test/ holds the test helpers: only test files import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing (a moved or deleted file).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|runs|data|models)/' },
    // Type-only imports are dependencies too (a types file must not import back into its users).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
