import { fromEnv, UsageError, type CliIo } from '../cli-io';
import { commonOptions, oneOf, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

interface TenantView {
  id: string;
  slug: string;
  name: string;
  catalog: { name: string; status: string; error: string | null };
  engine: string;
  createdAt: string;
}

interface UserView {
  id: string;
  email: string;
  role: string;
  tenantId: string | null;
  mfaEnabled: boolean;
  createdAt: string;
}

const tenantCreateUsage = 'ade tenant create SLUG --name NAME [--catalog CATALOG] [--plan PLAN] [--api-url URL] [--json]';
const tenantListUsage = 'ade tenant list [--api-url URL] [--json]';
const userCreateUsage = 'ade user create EMAIL --role tenant_admin|tenant_viewer|platform_operator [--tenant TENANT_ID] [--password-env VAR] [--api-url URL] [--json]';
const userListUsage = 'ade user list [--tenant TENANT_ID] [--api-url URL] [--json]';

/** A platform operator creates a tenant (its catalog is provisioned, its billing account opened). */
export const tenantCreateCommand: Command = {
  path: ['tenant', 'create'],
  usage: tenantCreateUsage,
  summary: 'Create a tenant: its catalog is provisioned and its billing account opened (platform operators)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, name: { type: 'string' }, catalog: { type: 'string' }, plan: { type: 'string' } }, tenantCreateUsage);
    const slug = requireOne(positionals, 'SLUG', tenantCreateUsage);
    if (!values.name) throw new UsageError(`--name is required\nusage: ${tenantCreateUsage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const tenant = await client.post<TenantView>('/v1/tenants', {
      slug,
      name: values.name,
      ...(values.catalog ? { catalogName: values.catalog } : {}),
      ...(values.plan ? { plan: values.plan } : {}),
    });
    emit(io, values.json, tenant, () => [`Created tenant ${tenant.slug} (${tenant.id}); catalog ${tenant.catalog.name}: ${tenant.catalog.status}`]);
    return 0;
  },
};

/** Operators see every tenant; a tenant user sees its own. */
export const tenantListCommand: Command = {
  path: ['tenant', 'list'],
  usage: tenantListUsage,
  summary: 'List tenants with their catalog and engine (operators: all; tenant users: their own)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, commonOptions, tenantListUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const { items } = await client.get<{ items: TenantView[] }>('/v1/tenants');
    emit(io, values.json, items, () =>
      table([['SLUG', 'NAME', 'ID', 'CATALOG', 'STATUS', 'ENGINE'], ...items.map((t) => [t.slug, t.name, t.id, t.catalog.name, t.catalog.status, t.engine])]),
    );
    return 0;
  },
};

/**
 * Creates a person's login: operators in any tenant (or another operator), tenant admins in
 * their own. The password is read from the environment variable `--password-env` names, or asked
 * for, never taken on the command line.
 */
export const userCreateCommand: Command = {
  path: ['user', 'create'],
  usage: userCreateUsage,
  summary: 'Create a user in a tenant (operators: any tenant, or an operator; tenant admins: their own); the password is asked for',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, role: { type: 'string' }, tenant: { type: 'string' }, 'password-env': { type: 'string' } }, userCreateUsage);
    const email = requireOne(positionals, 'EMAIL', userCreateUsage);
    const role = oneOf(values.role, ['tenant_admin', 'tenant_viewer', 'platform_operator'], '--role');
    const password = fromEnv(io, values['password-env'], 'password-env') ?? (await io.prompt(`Password for ${email}: `));
    if (!password) throw new UsageError('a password is required (give --password-env VAR, or type it when asked)');
    const client = await authenticatedClient(io, values['api-url']);
    const user = await client.post<UserView>('/v1/users', { email, password, role, ...(values.tenant ? { tenantId: values.tenant } : {}) });
    emit(io, values.json, user, () => [`Created ${user.role} ${user.email} (${user.id})${user.tenantId ? ` in tenant ${user.tenantId}` : ''}`]);
    return 0;
  },
};

export const userListCommand: Command = {
  path: ['user', 'list'],
  usage: userListUsage,
  summary: "List users: a tenant's (operators name it with --tenant; without it, the operators), or your tenant's",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, { ...commonOptions, tenant: { type: 'string' } }, userListUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const { items } = await client.get<{ items: UserView[] }>(`/v1/users${values.tenant ? `?tenantId=${encodeURIComponent(values.tenant)}` : ''}`);
    emit(io, values.json, items, () =>
      table([['EMAIL', 'ROLE', 'TENANT', 'MFA', 'CREATED'], ...items.map((u) => [u.email, u.role, u.tenantId ?? '-', u.mfaEnabled ? 'on' : 'off', u.createdAt])]),
    );
    return 0;
  },
};
