import type { Benchmark } from '../harness';
import { ingestBenchmark } from './ingest';
import { liveBenchmark } from './live';

/** Every named benchmark `npm run bench` knows, in the order they run. */
export const BENCHMARKS: Benchmark[] = [ingestBenchmark, liveBenchmark];
