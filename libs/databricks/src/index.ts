export * from './clusters/cluster-profile';
export * from './clusters/node-types';
export * from './clusters/usage-estimate';
export * from './rest/clusters-api';
export * from './rest/rest-error';
export * from './rest/warehouses-api';
export * from './rest/workspace-client';
export * from './rest/workspace-config';
