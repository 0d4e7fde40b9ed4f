export * from './canonical-of';
export * from './drift-decisions';
export * from './plan-schema-evolution';
export * from './type-lattice';
