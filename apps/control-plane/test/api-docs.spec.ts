import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_MATRIX } from './authorization-matrix.expectations';

const API_DOC = join(__dirname, '../../../docs/api.md');

/** `METHOD /path` of each row of docs/api.md's endpoint table, its query string and escapes dropped. */
function documentedRoutes(markdown: string): string[] {
  const table = markdown.slice(markdown.indexOf('## Endpoints'));
  const rows = table.slice(0, table.indexOf('\n\n', table.indexOf('| Method |'))).split('\n');
  return rows
    .map((row) => /^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/.exec(row))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]} ${match[2]!.split('?')[0]}`);
}

/**
 * The API guide's endpoint table against the routes the app serves: the authorization matrix's
 * routes are exactly the live ones (authorization-matrix.e2e.spec.ts fails otherwise), so a route
 * added, renamed or removed without its row in docs/api.md fails here.
 */
describe('docs/api.md', () => {
  const documented = documentedRoutes(readFileSync(API_DOC, 'utf8'));

  it('lists every route the control plane serves, and no other', () => {
    const live = Object.keys(AUTHORIZATION_MATRIX);
    expect({ undocumented: live.filter((route) => !documented.includes(route)), stale: documented.filter((route) => !live.includes(route)) }).toEqual({
      undocumented: [],
      stale: [],
    });
  });

  it('lists each route once', () => {
    expect(documented.filter((route, index) => documented.indexOf(route) !== index)).toEqual([]);
  });
});
