// ESLint: typescript-eslint's recommended rules, no import cycles, and the layers of
// docs/ARCHITECTURE.md ("Layers"): which folder of src/ may import which.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/, lowest first, each with the folders below it that it may import
 * (core and the clock's index are open to every area; see the zones below).
 */
const layers = {
  core: [],
  clock: ['core/calendar'],
  returns: ['core'],
  // the parts of casework every plan and meeting shares (plans, attendance, form handling)
  casework: ['core'],
  obligations: ['core', 'clock'],
  workforce: ['core', 'clock', 'obligations'],
  children: ['core', 'clock', 'obligations', 'workforce', 'returns'],
  'front-door': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns'],
  assessment: ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door'],
  'case-notes': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework'],
  'child-protection': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework'],
  'children-in-need': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'child-protection'],
  'looked-after': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework'],
  'private-fostering': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework'],
  // any child's missing episodes; the SSDA903 Missing table reads periods of care
  'missing-episodes': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'looked-after'],
  // health and education of looked after children hangs on periods of care
  'health-and-education': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'looked-after'],
  // care and placement plans of a period of care and its placements
  'care-planning': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'looked-after'],
  // a child's adoption journey reads periods of care (the scorecard's entering care, SGO and CAO exits) and the order ends one
  adoption: ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'looked-after'],
  // care leavers: eligibility is worked out from the periods of care
  'care-leavers': ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'casework', 'looked-after'],
  'dispute-resolution': [
    'core',
    'clock',
    'obligations',
    'workforce',
    'children',
    'returns',
    'front-door',
    'casework',
    'child-protection',
    'children-in-need',
  ],
  // allegations against adults who work with children: its own pages, linking children on the record
  allegations: ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'casework'],
  // reads every area's tables for the child's whole chronology
  chronology: [
    'core',
    'clock',
    'obligations',
    'workforce',
    'children',
    'returns',
    'front-door',
    'casework',
    'assessment',
    'case-notes',
    'child-protection',
    'children-in-need',
    'looked-after',
    'private-fostering',
    'adoption',
    'missing-episodes',
    'health-and-education',
    'care-planning',
    'care-leavers',
    'dispute-resolution',
  ],
  // reads the tables of every area the CIN census is made from
  'cin-census': [
    'core',
    'clock',
    'obligations',
    'workforce',
    'children',
    'returns',
    'front-door',
    'casework',
    'assessment',
    'child-protection',
    'children-in-need',
  ],
  // reads the tables of the looked after area, the child's details and social workers, and the
  // Missing, OC2, UASC and OC3 tables' facts from the areas that record them
  'ssda903-return': [
    'core',
    'clock',
    'obligations',
    'workforce',
    'children',
    'returns',
    'front-door',
    'casework',
    'looked-after',
    'missing-episodes',
    'health-and-education',
    'care-planning',
    'adoption',
    'care-leavers',
  ],
  oversight: ['core', 'clock', 'obligations', 'workforce', 'children', 'returns', 'front-door', 'assessment', 'child-protection'],
};
const areas = Object.keys(layers).filter((f) => f !== 'core' && f !== 'clock');

function zonesFor(folder, allowed) {
  const target = `./src/${folder}`;
  const zones = [];
  for (const other of [...Object.keys(layers), 'demo', 'cli']) {
    if (other === folder) continue;
    const open = allowed.filter((a) => a === other || a.startsWith(`${other}/`));
    if (open.includes(other)) continue;
    zones.push({
      target,
      from: `./src/${other}`,
      // a part of a folder only (the clock may use core's calendar, nothing else of core), and an
      // area's paths.ts, which imports nothing: a page may link to any area's pages
      except: [...open.map((a) => `./${a.slice(other.length + 1)}`), ...(areas.includes(other) ? ['./paths.ts'] : [])],
      message: `src/${folder} may not import src/${other}: see "Layers" in docs/ARCHITECTURE.md`,
    });
  }
  for (const root of ['./src/server.ts', './src/areas.ts', './src/schema.ts']) {
    zones.push({ target, from: root, message: `src/${folder} may not import the composition root: it is given what it needs` });
  }
  return zones;
}

const zones = [
  ...Object.entries(layers).flatMap(([folder, allowed]) => zonesFor(folder, allowed)),
  // demo builds on every area, and is below the server and the CLI
  { target: './src/demo', from: './src/cli', message: 'src/demo may not import the CLI' },
  { target: './src/demo', from: './src/server.ts', message: 'src/demo may not import the server' },
  { target: './src/areas.ts', from: './src/demo', message: 'the list of areas may not import the demo' },
  // the clock through its index only
  ...[...areas, 'core', 'demo', 'cli'].map((folder) => ({
    target: `./src/${folder}`,
    from: './src/clock',
    except: ['./index.ts'],
    message: 'outside the clock, import it through src/clock/index.ts',
  })),
  ...['./src/server.ts', './src/areas.ts'].map((file) => ({
    target: file,
    from: './src/clock',
    except: ['./index.ts'],
    message: 'outside the clock, import it through src/clock/index.ts',
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'tmp/', 'coverage/', 'migrations/', 'src/returns/testdata/', 'src/returns/**/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads the files an import leads to with the TypeScript parser, resolving '.js' to '.ts'
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      // a leading underscore names what is left out on purpose (`const { password: _password, ...kept } = body`)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // an area's paths import nothing, so that any area may link to any other's pages
    files: ['src/*/paths.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*'], message: 'paths.ts imports nothing: any area may import it' }] }],
    },
  },
  {
    // the few plain JavaScript files run on Node
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
