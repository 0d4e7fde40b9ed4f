import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { DataPlaneConfig } from '../config/data-plane.config';
import { acceptedDataPlaneToken } from './data-plane-token';

/** What the guard leaves on the request: which accepted token the data plane presented. */
export interface DataPlaneCaller {
  /** The first 12 hex characters of the token's SHA-256. */
  tokenId: string;
}

export type DataPlaneRequest = Request & { dataPlane?: DataPlaneCaller };

/**
 * The data plane's own credential on internal routes: `Authorization: Bearer <token>` whose
 * SHA-256 is one of DATA_PLANE_TOKEN_HASHES. Users' tokens and API keys are not looked at (the
 * routes are @Public() to the user guards); with no hash configured, every request is refused.
 */
@Injectable()
export class DataPlaneTokenGuard implements CanActivate {
  constructor(private readonly config: DataPlaneConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<DataPlaneRequest>();
    const tokenId = acceptedDataPlaneToken(request.headers.authorization, this.config.tokenHashes);
    if (tokenId === null) throw new AppError('unauthorized', 'the data-plane token is missing or not accepted');
    request.dataPlane = { tokenId };
    return true;
  }
}
