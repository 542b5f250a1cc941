export type * from './common';
export type * from './node';
export type * from './storage-class';
export type * from './persistent-volume';
export type * from './persistent-volume-claim';
export type * from './data-volume';
export type * from './virtual-machine';
