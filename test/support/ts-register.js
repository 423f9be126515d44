'use strict';
// Child processes (outbox worker fixtures, the bench) run TypeScript straight from source, compiled
// on load the way @swc/jest compiles it for jest, so nothing stale from dist/ can sneak into a run.
// Usage: node -r ./test/support/ts-register.js some.ts
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');

// Stack traces then point at the .ts lines, through the inline source maps below.
process.setSourceMapsEnabled(true);

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
