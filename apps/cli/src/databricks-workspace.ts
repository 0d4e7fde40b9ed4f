import { ClusterNotFoundError, DatabricksRestError, WorkspaceClient, workspaceConfigFromEnv, WorkspaceConfigError } from '@ade/databricks';
import { CliError, UsageError, type CliIo } from './cli-io';

/**
 * Runs `work` against the Databricks workspace DATABRICKS_HOST and DATABRICKS_TOKEN name; a
 * missing or bad setting is a usage error naming it, and what the workspace refused is one line.
 */
export async function withWorkspace<T>(io: CliIo, work: (client: WorkspaceClient) => Promise<T>): Promise<T> {
  try {
    return await work(new WorkspaceClient(workspaceConfigFromEnv(io.env), { sleep: io.sleep }));
  } catch (error) {
    if (error instanceof WorkspaceConfigError) throw new UsageError(error.message);
    if (error instanceof ClusterNotFoundError || error instanceof DatabricksRestError) throw new CliError(error.message);
    throw error;
  }
}
