// The modules under mutation testing (issue 21: where a silent bug costs most), each with the
// source files Stryker mutates and the specs that are expected to kill their mutants. The
// report script scores each module on its own; the goal is >= 85% for every one.
export const modules = [
  // libs/healthcare is split five ways so that each part's full (baseline) run fits a session:
  // the rules define themselves in module-level constants, so most of their mutants re-run every
  // related spec, DuckDB renderings included.
  {
    name: 'healthcare-identifiers',
    mutate: ['libs/healthcare/src/{identifiers,formats,dates}/**/*.ts'],
    specs: ['libs/healthcare/src/{identifiers,formats,dates}/**/*.spec.ts'],
  },
  {
    name: 'healthcare-rules',
    mutate: ['libs/healthcare/src/rules/**/*.ts'],
    specs: ['libs/healthcare/src/rules/**/*.spec.ts'],
  },
  {
    name: 'healthcare-states',
    mutate: ['libs/healthcare/src/states/**/*.ts'],
    specs: ['libs/healthcare/src/states/**/*.spec.ts'],
  },
  {
    // Which public layout a file is written in and where each canonical column is in it: a
    // wrong mapping would judge the wrong column without a sound.
    name: 'healthcare-layouts',
    mutate: ['libs/healthcare/src/layouts/**/*.ts', 'libs/healthcare/src/shipped-data-dir.ts'],
    specs: ['libs/healthcare/src/layouts/**/*.spec.ts'],
  },
  {
    // How the profiler reads a file in no known layout: a header read wrongly, a value probe that
    // passes everything or a confidence applied when it should ask would map the wrong column.
    // The vocabulary is data (hundreds of words), left out; the probes' SQL is run by the spec
    // that profiles real files in DuckDB.
    name: 'healthcare-profiling',
    mutate: ['libs/healthcare/src/profiling/{header-words,header-similarity,propose-mapping,value-probes}.ts'],
    specs: ['libs/healthcare/src/profiling/**/*.spec.ts', 'libs/quality/test/profile-unknown-layouts.spec.ts'],
  },
  {
    name: 'healthcare-reference',
    mutate: ['libs/healthcare/src/reference/**/*.ts'],
    specs: ['libs/healthcare/src/reference/**/*.spec.ts'],
  },
  {
    name: 'contracts',
    mutate: ['libs/contracts/src/**/*.ts'],
    specs: ['libs/contracts/src/**/*.spec.ts'],
  },
  {
    name: 'healing',
    mutate: ['apps/data-plane-worker/src/healing/**/*.ts'],
    specs: ['apps/data-plane-worker/src/healing/**/*.spec.ts'],
  },
  {
    name: 'auth',
    mutate: [
      'apps/control-plane/src/auth/{refresh-token,password-hasher,jwks-client,login-throttle,session-revocations,sessions.service,jwt.strategy,idp-jwt.strategy}.ts',
      'apps/control-plane/src/auth/mfa/{totp,recovery-codes,mfa-policy}.ts',
      'apps/control-plane/src/api-keys/{api-key-format,api-key-scopes,api-key-authenticator}.ts',
      'apps/control-plane/src/rate-limits/{rate-limit-decision,tenant-rate-limiter,counted-requests}.ts',
    ],
    specs: [
      'apps/control-plane/src/{auth,api-keys,rate-limits}/**/*.spec.ts',
      // Each class against real PostgreSQL and Redis, the passport strategies driven as passport drives them.
      'apps/control-plane/test/{login-throttle,session-revocations,sessions.service,auth-strategies,api-key-authenticator,tenant-rate-limiter}.int.spec.ts',
    ],
  },
  {
    name: 'audit',
    mutate: ['apps/control-plane/src/audit/{audit-hash,audit-verifier,audit-log.service,http-audit}.ts'],
    specs: ['apps/control-plane/src/audit/**/*.spec.ts'],
  },
  {
    // What a tenant owes and may do: its billing state from Stripe's events in any order, the
    // webhook's signature check, plans and their limits, and how runs are priced and savings
    // computed. A silent bug here charges the wrong amount or stops the wrong tenant's runs.
    name: 'billing',
    mutate: [
      'apps/control-plane/src/billing/{billing-state,billing-signal,billing-period,plan-limit-policy,stripe-webhook-verifier}.ts',
      'apps/control-plane/src/config/billing.config.ts',
      'apps/control-plane/src/costs/{cost-model,cost-report}.ts',
    ],
    specs: ['apps/control-plane/src/{billing,costs}/**/*.spec.ts', 'apps/control-plane/src/config/billing.config.spec.ts'],
  },
  {
    name: 'tenant-scope',
    mutate: ['apps/control-plane/src/database/{database-scope,tenant-scoped.repository,scoped-client,inline-parameters}.ts'],
    specs: [
      'apps/control-plane/test/tenant-scoped.repository.int.spec.ts',
      'apps/control-plane/test/database-scope.int.spec.ts',
      'apps/control-plane/src/database/inline-parameters.spec.ts',
      'apps/control-plane/test/row-level-security.e2e.spec.ts',
    ],
  },
];

const excluded = ['!**/*.spec.ts', '!**/test/**'];

/** The module named by MUTATION_MODULE (set by run-mutation.mjs), or every module at once. */
export function selectedModules(name = process.env.MUTATION_MODULE) {
  if (!name) return modules;
  const found = modules.filter((m) => m.name === name);
  if (found.length === 0) {
    throw new Error(`MUTATION_MODULE=${name} names no module; known: ${modules.map((m) => m.name).join(', ')}`);
  }
  return found;
}

export const mutateGlobs = (name) => [...selectedModules(name).flatMap((m) => m.mutate), ...excluded];
export const mutationSpecs = (name) => selectedModules(name).flatMap((m) => m.specs);
