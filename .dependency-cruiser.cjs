/**
 * The layers of src/, lowest first: a module may import only from its own layer and the ones before it
 * (see README, "Layout"). `npm run deps` checks it, and that nothing imports in a circle.
 */
const LAYERS = ['config', 'domain', 'schedule', 'db', 'tabular', 'roster', 'planner', 'queue', 'delivery', 'bot', 'app', 'cli'];

const upward = LAYERS.map((layer, i) => ({
  name: `${layer}-imports-upward`,
  comment: `src/${layer}/ may import only from ${LAYERS.slice(0, i + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|') || '$^'})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'src/domain/ is the shared vocabulary: it imports only itself',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!domain/)' },
    },
    ...upward.filter((rule) => !rule.name.startsWith('cli-')),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench)/' },
  },
};
