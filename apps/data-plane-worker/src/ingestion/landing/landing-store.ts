import type { SourceFormat } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';

/**
 * Where tenants' files arrive: the worker's own disk (the embedded default) or an object store.
 * Either way a tenant's files live under its own landing prefix, and a pipeline's source path is
 * resolved inside it, so no pipeline can name another tenant's files.
 */
export interface LandingStore {
  /**
   * The files a run of this source should consider, in name order, each readable at `path` on
   * this machine (a remote file is first downloaded into `scratchDir`, hashed as it streams).
   */
  discover(request: { tenantId: string; sourcePath: string; format: SourceFormat; scratchDir: string }): Promise<SourceFile[]>;
}

export const LANDING_STORE = Symbol('LANDING_STORE');
