/**
 * The one typed boundary between the UI thread and the inference worker.
 * Every request type fixes its payload and result types in `RequestMap`
 * (request-map.ts); everything that crosses the boundary is one of the unions
 * in envelope.ts. Payload types live in one file per domain.
 */
export * from './attention-maps';
export * from './blip';
export * from './clip';
export * from './envelope';
export * from './images';
export * from './itm';
export * from './models';
export * from './request-map';
export * from './runtime';
export * from './parse';
