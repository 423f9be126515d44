/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // jose 6 ships ES modules only, which jest on Node 20 cannot load untransformed (Node itself can);
    // so does strip-bom 5, which @microsoft/app-manifest (the app package's schema check) requires.
    '/node_modules/(jose|strip-bom)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|strip-bom)/)(?!.*/node_modules/(jose|strip-bom)/)'],
  testTimeout: 30000,
};
