import path from 'node:path';

/**
 * ESLint rule `features/no-cross-imports` (docs/ARCHITECTURE.md, web): a file under apps/web/src/features/<X>/
 * imports nothing under apps/web/src/features/<Y>/ — what two features share goes to components/ or lib/.
 *
 * Option `allow`: the imports that remain, each `'<X> -> <Y>/<path>'` (the path as written, without its extension);
 * `*` as <X> allows the import from every feature. The config says why each one remains.
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'A web feature does not import another feature (shared code goes to components/ or lib/).' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      cross:
        'features/{{from}} imports features/{{target}}: features never import each other; move what they share to components/ or lib/.',
    },
  },
  create(context) {
    const file = context.filename.split(path.sep).join('/');
    const m = /^(.*?\/?apps\/web\/src\/features)\/([^/]+)\//.exec(file);
    if (!m) return {};
    const [, featuresDir, from] = m;
    const allow = new Set(context.options[0]?.allow ?? []);

    function check(node) {
      const spec = node.source?.type === 'Literal' ? node.source.value : undefined;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.posix.relative(featuresDir, path.posix.resolve(path.posix.dirname(file), spec));
      if (target.startsWith('..') || target === '') return; // outside the features
      const to = target.split('/')[0];
      if (to === from) return;
      const bare = target.replace(/\.(tsx?|jsx?)$/, '');
      if (allow.has(`${from} -> ${bare}`) || allow.has(`* -> ${bare}`)) return;
      context.report({ node: node.source, messageId: 'cross', data: { from, target: bare } });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-cross-imports': rule } };
