export * from './api';
export * from './client';
export * from './errors';
export * from './events';
export * from './live';
export * from './settings';
export * from './sources';
export * from './anomalies';
