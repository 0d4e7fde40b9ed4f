import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';

interface MfaStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

const noArguments = (positionals: string[], usage: string) => {
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
};

const enrollUsage = 'ade mfa enroll [--code CODE] [--api-url URL] [--json]';

/** Enrols in one go: prints the secret (and its otpauth URI for a QR code), asks for a first code, prints the recovery codes. */
export const mfaEnrollCommand: Command = {
  path: ['mfa', 'enroll'],
  usage: enrollUsage,
  summary: 'Turn on multi-factor authentication with an authenticator app (prints the recovery codes once)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, code: { type: 'string' } }, enrollUsage);
    noArguments(positionals, enrollUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const enrolment = await client.post<{ secret: string; otpauthUri: string }>('/v1/auth/mfa/enroll');
    if (!values.json) {
      io.stdout(`Add this account to your authenticator app:\n  secret  ${enrolment.secret}\n  URI     ${enrolment.otpauthUri}\n`);
    }
    const code = values.code ?? (await io.prompt('Code shown by the app: ')).trim();
    const { recoveryCodes } = await client.post<{ recoveryCodes: string[] }>('/v1/auth/mfa/activate', { code });
    emit(io, values.json, { enabled: true, secret: enrolment.secret, otpauthUri: enrolment.otpauthUri, recoveryCodes }, () => [
      'Multi-factor authentication is on. Recovery codes, each usable once if the app is lost (shown this once: store them now):',
      ...recoveryCodes.map((c) => `  ${c}`),
    ]);
    return 0;
  },
};

const statusUsage = 'ade mfa status [--api-url URL] [--json]';

export const mfaStatusCommand: Command = {
  path: ['mfa', 'status'],
  usage: statusUsage,
  summary: 'Show whether multi-factor authentication is on, required by your tenant, and recovery codes left',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, statusUsage);
    noArguments(positionals, statusUsage);
    const status = await (await authenticatedClient(io, values['api-url'])).get<MfaStatus>('/v1/auth/mfa');
    emit(io, values.json, status, () => [
      `Multi-factor authentication  ${status.enabled ? 'on' : 'off'}${status.required ? ' (required by your tenant)' : ''}`,
      ...(status.enabled ? [`Recovery codes left          ${status.recoveryCodesLeft}`] : []),
    ]);
    return 0;
  },
};

const disableUsage = 'ade mfa disable [--code CODE] [--api-url URL] [--json]';

export const mfaDisableCommand: Command = {
  path: ['mfa', 'disable'],
  usage: disableUsage,
  summary: 'Turn multi-factor authentication off (needs a current code or a recovery code)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, code: { type: 'string' } }, disableUsage);
    noArguments(positionals, disableUsage);
    const code = values.code ?? (await io.prompt('Authentication code (or a recovery code): ')).trim();
    await (await authenticatedClient(io, values['api-url'])).delete('/v1/auth/mfa', { code });
    emit(io, values.json, { enabled: false }, () => ['Multi-factor authentication is off']);
    return 0;
  },
};

const requireUsage = 'ade tenant mfa TENANT_ID --required true|false [--api-url URL] [--json]';

/** A platform operator's policy: the tenant's password users must use a second factor. */
export const tenantMfaCommand: Command = {
  path: ['tenant', 'mfa'],
  usage: requireUsage,
  summary: "Require (or stop requiring) multi-factor authentication of a tenant's users (platform operators)",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, required: { type: 'string' } }, requireUsage);
    const tenantId = requireOne(positionals, 'TENANT_ID', requireUsage);
    if (values.required !== 'true' && values.required !== 'false') throw new UsageError(`--required must be true or false\nusage: ${requireUsage}`);
    const policy = await (await authenticatedClient(io, values['api-url'])).put<{ tenantId: string; mfaRequired: boolean }>(`/v1/tenants/${encodeURIComponent(tenantId)}/mfa`, { required: values.required === 'true' });
    emit(io, values.json, policy, () => [`Tenant ${policy.tenantId}: multi-factor authentication ${policy.mfaRequired ? 'required' : 'not required'}`]);
    return 0;
  },
};
