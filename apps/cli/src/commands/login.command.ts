import { ApiClient, ApiError } from '../api-client';
import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { writeCredentials } from '../credentials';
import { emit } from '../output';
import { apiUrlFor, credentialsFor, type IssuedTokens } from '../session';

const usage = 'ade login --email EMAIL [--password PASSWORD] [--code CODE] [--api-url URL] [--json]';

export const loginCommand: Command = {
  path: ['login'],
  usage,
  summary: 'Sign in and save the session (access and refresh token) for the other commands',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, { ...commonOptions, email: { type: 'string' }, password: { type: 'string' }, code: { type: 'string' } }, usage);
    const email = values.email ?? io.env.ADE_EMAIL;
    if (!email) throw new UsageError(`--email is required\nusage: ${usage}`);
    const password = values.password ?? io.env.ADE_PASSWORD ?? (await io.prompt('Password: '));
    const apiUrl = await apiUrlFor(io, values['api-url']);
    const client = new ApiClient(apiUrl, null);
    const code = values.code ?? io.env.ADE_MFA_CODE;
    let tokens: IssuedTokens;
    try {
      tokens = await client.post<IssuedTokens>('/v1/auth/token', { email, password, ...(code ? { code } : {}) });
    } catch (error) {
      // The account has a second factor: ask for it (once) unless one was given.
      if (!(error instanceof ApiError && error.body.error === 'mfa_required') || code) throw error;
      const asked = await io.prompt('Authentication code (or a recovery code): ');
      tokens = await client.post<IssuedTokens>('/v1/auth/token', { email, password, code: asked.trim() });
    }
    const credentials = credentialsFor(apiUrl, email, tokens);
    const { expiresAt } = credentials;
    const path = await writeCredentials(io.env, credentials);
    emit(io, values.json, { apiUrl, email, expiresAt }, () => [`Logged in to ${apiUrl} as ${email} (token saved to ${path}, valid until ${expiresAt})`]);
    return 0;
  },
};
