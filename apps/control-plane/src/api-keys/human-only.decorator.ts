import { SetMetadata } from '@nestjs/common';

export const HUMAN_ONLY = 'ade:humanOnly';

/**
 * Closes a route (or controller) to API keys whatever their scopes: managing users, API keys,
 * tenants and other operator work needs a person signed in.
 */
export const HumanOnly = () => SetMetadata(HUMAN_ONLY, true);
