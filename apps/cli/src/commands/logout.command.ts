import { ApiError } from '../api-client';
import { CliError, type CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { deleteCredentials, readCredentials } from '../credentials';
import { emit } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade logout [--api-url URL] [--json]';

export const logoutCommand: Command = {
  path: ['logout'],
  usage,
  summary: 'End the session on the server and forget the saved login',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, commonOptions, usage);
    const saved = await readCredentials(io.env);
    if (!saved) {
      emit(io, values.json, { loggedOut: false }, () => ['Not logged in']);
      return 0;
    }
    // Ends the session on the server first (its access and refresh tokens stop working at once);
    // a session the server already ended (401) is forgotten just the same.
    let serverSession: 'ended' | 'already ended' = 'ended';
    try {
      const client = await authenticatedClient(io, values['api-url'] ?? saved.apiUrl);
      await client.post('/v1/auth/logout', saved.refreshToken ? { refreshToken: saved.refreshToken } : {});
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        throw new CliError(`${(error as Error).message}; the saved login was kept, try again`);
      }
      serverSession = 'already ended';
    }
    await deleteCredentials(io.env);
    emit(io, values.json, { loggedOut: true, apiUrl: saved.apiUrl, email: saved.email, serverSession }, () => [
      `Logged out of ${saved.apiUrl} as ${saved.email}${serverSession === 'already ended' ? ' (the session had already ended)' : ''}`,
    ]);
    return 0;
  },
};
