import { describe, expect, it } from 'vitest';
import { workspaceConfigFromEnv, WorkspaceConfigError } from './workspace-config';

describe('workspaceConfigFromEnv', () => {
  it('takes the workspace URL, with or without its scheme, and the token', () => {
    expect(workspaceConfigFromEnv({ DATABRICKS_HOST: 'https://dbc-1234abcd-5678.cloud.databricks.com/', DATABRICKS_TOKEN: ' dapi123 ' })).toEqual({
      host: 'https://dbc-1234abcd-5678.cloud.databricks.com',
      token: 'dapi123',
    });
    expect(workspaceConfigFromEnv({ DATABRICKS_HOST: 'adb-123.4.azuredatabricks.net', DATABRICKS_TOKEN: 't' }).host).toBe('https://adb-123.4.azuredatabricks.net');
    expect(workspaceConfigFromEnv({ DATABRICKS_HOST: 'http://127.0.0.1:8080', DATABRICKS_TOKEN: 't' }).host).toBe('http://127.0.0.1:8080');
  });

  it('names the variable that is missing or wrong', () => {
    const problem = (env: Record<string, string>) => {
      try {
        workspaceConfigFromEnv(env);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(WorkspaceConfigError);
        return (error as Error).message.split(':')[0];
      }
    };
    expect(problem({ DATABRICKS_TOKEN: 't' })).toBe('DATABRICKS_HOST is not set');
    expect(problem({ DATABRICKS_HOST: 'http://dbc.cloud.databricks.com', DATABRICKS_TOKEN: 't' })).toBe('DATABRICKS_HOST must be an https URL');
    expect(problem({ DATABRICKS_HOST: 'https://dbc.cloud.databricks.com/api/2.1', DATABRICKS_TOKEN: 't' })).toBe('DATABRICKS_HOST must be the workspace URL alone, without a path or query');
    expect(problem({ DATABRICKS_HOST: 'https://exa mple.com', DATABRICKS_TOKEN: 't' })).toBe('DATABRICKS_HOST is not a URL');
    expect(problem({ DATABRICKS_HOST: 'https://dbc.cloud.databricks.com', DATABRICKS_TOKEN: '  ' })).toBe('DATABRICKS_TOKEN is not set');
  });
});
