export * from './env';
export * from './secret';
export * from './shared.config';
export * from './landing.config';
export * from './key-ring';
