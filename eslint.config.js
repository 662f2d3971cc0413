// ESLint with typescript-eslint's recommended type-checked rules over the whole TypeScript tree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // plain-JS configuration files are not in tsconfig's project; the TypeScript tree is what is linted
  { ignores: ['node_modules/', 'data/', 'drizzle/', 'bin/', 'eslint.config.js', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
);
