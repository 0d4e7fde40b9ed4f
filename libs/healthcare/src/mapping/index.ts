export * from './header-mapping';
export * from './normalize-header';
