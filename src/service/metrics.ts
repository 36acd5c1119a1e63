// Prometheus metrics of the service (GET /metrics): runs by language and verdict, queue depth, runs in
// flight, run latency, warm-pool hits and misses, container starts, refusals, HTTP requests.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SandboxEngine } from '../core/sandbox/engine';
import type { Admission } from './admission';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly runs: Counter<'language' | 'verdict'>;
  readonly runSeconds: Histogram<'language'>;
  readonly rejected: Counter<'reason'>;
  readonly cancelled: Counter;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;

  constructor(engine: SandboxEngine, admission: Admission) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'mplsandbox_process_' });
    this.runs = new Counter({ name: 'mplsandbox_runs_total', help: 'Programs judged, by language and verdict', labelNames: ['language', 'verdict'], registers });
    this.runSeconds = new Histogram({
      name: 'mplsandbox_run_duration_seconds',
      help: 'Time from admission to result of one program (queueing included)',
      labelNames: ['language'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.rejected = new Counter({ name: 'mplsandbox_rejected_total', help: 'Requests refused before running, by reason', labelNames: ['reason'], registers });
    this.cancelled = new Counter({ name: 'mplsandbox_cancelled_total', help: 'Runs cancelled because their client went away', registers });
    this.httpRequests = new Counter({ name: 'mplsandbox_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers });
    new Gauge({
      name: 'mplsandbox_queue_depth',
      help: 'Programs admitted and waiting for a sandbox slot',
      registers,
      collect() {
        this.set(engine.stats().queued);
      },
    });
    new Gauge({
      name: 'mplsandbox_in_flight',
      help: 'Programs running in a sandbox now',
      registers,
      collect() {
        this.set(engine.stats().running);
      },
    });
    new Gauge({
      name: 'mplsandbox_admitted',
      help: 'Programs admitted and not finished (running + queued)',
      registers,
      collect() {
        this.set(admission.inFlight);
      },
    });
    new Gauge({
      name: 'mplsandbox_warm_containers',
      help: 'Started sandbox containers waiting for a run',
      registers,
      collect() {
        this.set(engine.stats().pool.warm);
      },
    });
    // The pool keeps running totals; these counters report them as they are at scrape time.
    const fromPool = (name: string, help: string, pick: (c: ReturnType<SandboxEngine['stats']>['poolCounters']) => number) => {
      let reported = 0;
      new Counter({
        name,
        help,
        registers,
        collect() {
          const now = pick(engine.stats().poolCounters);
          if (now > reported) this.inc(now - reported);
          reported = now;
        },
      });
    };
    fromPool('mplsandbox_warm_pool_hits_total', 'Runs that found a started container waiting', (c) => c.hits);
    fromPool('mplsandbox_warm_pool_misses_total', 'Runs that waited for a container to start', (c) => c.misses);
    fromPool('mplsandbox_container_starts_total', 'Sandbox containers started (warm and on demand)', (c) => c.started);
  }
}
