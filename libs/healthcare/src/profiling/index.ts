export * from './header-words';
export * from './header-similarity';
export * from './value-probes';
export * from './propose-mapping';
