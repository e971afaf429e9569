/**
 * One DynamoDB Local for the whole run (global setup), each test file on its own table.
 * @swc/jest only strips types (fast); `tsc --noEmit` checks them in `npm test` first.
 * middy 7 and jose 6 ship ESM only: map middy to its entry file and let swc turn both into CommonJS.
 * bwip-js publishes its one-symbology build (bwip-js/generic, what the bundle tree-shakes) for
 * `import` only: map it to that file, and let swc turn it into CommonJS too.
 * testTimeout catches a hang, not slowness: the slowest test (the sweep resumed after a crash, two shops
 * swept one item a page) takes 5 s alone on this 2-core machine and passed 30 s in CI with other jobs
 * beside it (its suite 22 s alone, 73 s there). 120 s leaves that load's factor of 6 twice over.
 * @type {import('jest').Config}
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|bwip-js)/)'],
  moduleNameMapper: {
    '^#shared/(.*)$': '<rootDir>/shared/$1',
    '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^bwip-js/generic$': '<rootDir>/node_modules/bwip-js/dist/bwip-js-gen.mjs',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
};
