import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import featureBoundaries from './eslint-feature-boundaries.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });
const inFeature = (feature, file = 'components/Page.tsx') => `apps/web/src/features/${feature}/${file}`;
const options = [{ allow: ['* -> auth/session', 'home -> auth/api'] }];

describe('issue “features never import each other”: ESLint rule features/no-cross-imports', () => {
  tester.run('no-cross-imports', featureBoundaries.rules['no-cross-imports'], {
    valid: [
      { filename: inFeature('filings'), code: "import { api } from '../api';", options },
      { filename: inFeature('filings'), code: "import { levelLabel } from '../../../lib/catalog';", options },
      { filename: inFeature('filings'), code: "import { PagedTable } from '../../../components/PagedTable';", options },
      { filename: inFeature('filings', 'api.ts'), code: "import { api } from '../../lib/api';", options },
      { filename: inFeature('filings'), code: "import { Button } from 'antd';", options },
      { filename: inFeature('training'), code: "import { useUser } from '../../auth/session';", options },
      { filename: inFeature('home', 'api.ts'), code: "import { fetchMe } from '../auth/api';", options },
      { filename: 'apps/web/src/app/router.tsx', code: "const P = import('../features/filings/components/FilingsPage');", options },
    ],
    invalid: [
      {
        filename: inFeature('filings'),
        code: "import { levelLabel } from '../../catalog/components/bits';",
        options,
        errors: [{ messageId: 'cross', data: { from: 'filings', target: 'catalog/components/bits' } }],
      },
      {
        filename: inFeature('catalog', 'api.ts'),
        code: "export { useOrgs } from '../orgs/api';",
        options,
        errors: [{ messageId: 'cross' }],
      },
      {
        filename: inFeature('schools'),
        code: "const m = import('../../home/api');",
        options,
        errors: [{ messageId: 'cross' }],
      },
      {
        // The allowance names its importer: another feature may not import auth/api.
        filename: inFeature('filings'),
        code: "import { fetchMe } from '../../auth/api';",
        options,
        errors: [{ messageId: 'cross' }],
      },
    ],
  });
});
