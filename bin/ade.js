#!/usr/bin/env node
'use strict';
// The CLI ships compiled; `npm ci` builds it (prepare script). Say so plainly if it is missing.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('ade: the CLI is not built yet; run `npm run build` in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
require(entry);
