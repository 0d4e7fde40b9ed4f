// Preloaded (`node -r`) into a measured child process: on exit, writes the process's peak
// resident set size in bytes (getrusage maxrss: Node heap, DuckDB and everything else) to the
// file named by ADE_BENCH_PEAK_RSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.ADE_BENCH_PEAK_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
