import type { Benchmark } from '../harness';
import { anomalyPerfBenchmark, anomalyQualityBenchmark } from './anomalies';
import { importBenchmark, importBigBenchmark } from './import';
import { explorerBenchmark } from './explorer';
import { heapBenchmark } from './heap';
import { ingestBenchmark } from './ingest';
import { latencyBenchmark } from './latency';
import { liveBenchmark } from './live';
import { tailBenchmark } from './tail';

/** Every named benchmark `npm run bench` knows, in the order they run. */
export const BENCHMARKS: Benchmark[] = [ingestBenchmark, liveBenchmark, importBenchmark, importBigBenchmark, tailBenchmark, latencyBenchmark, heapBenchmark, anomalyQualityBenchmark, anomalyPerfBenchmark, explorerBenchmark];
