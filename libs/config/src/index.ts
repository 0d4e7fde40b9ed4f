export * from './env';
export * from './secret';
export * from './shared.config';
