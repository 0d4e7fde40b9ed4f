import { discoverSourceFiles, landingZone } from '../source-files';
import type { LandingStore } from './landing-store';

/** Tenants' files on the worker's disk, under `DATA_DIR/tenants/<id>/landing`. */
export class LocalLandingStore implements LandingStore {
  constructor(private readonly dataDir: string) {}

  discover(request: Parameters<LandingStore['discover']>[0]) {
    return discoverSourceFiles(landingZone(this.dataDir, request.tenantId), request.sourcePath, request.format);
  }
}
