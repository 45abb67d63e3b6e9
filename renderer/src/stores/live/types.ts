import type { LiveSnapshot } from '../../../../shared/contract';

/** The contract exports these as zod schemas only; the renderer needs their types. */
export type ChannelTileData = LiveSnapshot['channels'][number];
export type QueueTileData = LiveSnapshot['queues'][number];
