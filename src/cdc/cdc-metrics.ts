import { createServer, type Server } from 'node:http'
import { Counter, Gauge, Registry } from 'prom-client'
import type { ReplayProgress } from './replay-loop.js'

/**
 * Prometheus metrics for one stream on `--metrics-port` (loopback only: the numbers say how far
 * behind production the copy is, not for the world). Updated once per status tick.
 */
export class CdcMetrics {
  readonly #registry = new Registry()
  readonly #server: Server
  readonly #lag: Gauge
  readonly #lagP95: Gauge
  readonly #bytesBehind: Gauge
  readonly #retained: Gauge
  readonly #rate: Gauge
  readonly #events: Counter
  readonly #transactions: Counter
  readonly #deadLetters: Gauge
  #lastEvents?: number
  #lastTransactions?: number

  private constructor(server: Server, stream: string) {
    this.#server = server
    const labels = { stream }
    const gauge = (name: string, help: string): Gauge => {
      const g = new Gauge({ name, help, labelNames: ['stream'], registers: [this.#registry] })
      g.labels(labels)
      return g
    }
    this.#lag = gauge('godwit_cdc_lag_seconds', 'now − source commit time of the last applied change')
    this.#lagP95 = gauge('godwit_cdc_lag_p95_seconds', '95th percentile of the per-batch lag over the last minute')
    this.#bytesBehind = gauge('godwit_cdc_bytes_behind', 'source WAL position − applied position, bytes')
    this.#retained = gauge('godwit_cdc_retained_wal_bytes', 'WAL the replication slot keeps on the source')
    this.#rate = gauge('godwit_cdc_events_per_second', 'changes applied in the last second')
    this.#deadLetters = gauge('godwit_cdc_dead_letters', 'changes set aside by --on-error dead-letter in this run')
    this.#events = new Counter({ name: 'godwit_cdc_events_applied_total', help: 'changes applied', labelNames: ['stream'], registers: [this.#registry] })
    this.#transactions = new Counter({ name: 'godwit_cdc_transactions_applied_total', help: 'source transactions applied', labelNames: ['stream'], registers: [this.#registry] })
    this.stream = stream
  }

  readonly stream: string

  static async serve(port: number, stream: string): Promise<CdcMetrics> {
    const ready: { metrics?: CdcMetrics } = {}
    const server = createServer((req, res) => {
      const self = ready.metrics
      if (req.url !== '/metrics' || !self) {
        res.writeHead(404).end()
        return
      }
      void self.#registry.metrics().then((text) => res.writeHead(200, { 'content-type': self.#registry.contentType }).end(text))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    ready.metrics = new CdcMetrics(server, stream)
    return ready.metrics
  }

  update(p: ReplayProgress): void {
    const l = { stream: this.stream }
    if (p.lagMs !== undefined) this.#lag.set(l, p.lagMs / 1000)
    if (p.p95Ms !== undefined) this.#lagP95.set(l, p.p95Ms / 1000)
    if (p.bytesBehind !== undefined) this.#bytesBehind.set(l, p.bytesBehind)
    if (p.retainedWalBytes !== undefined) this.#retained.set(l, p.retainedWalBytes)
    this.#rate.set(l, p.eventsPerSec)
    this.#deadLetters.set(l, p.deadLetters)
    // Counters only go up: add what was applied since the last tick (the first tick starts from the checkpoint's totals).
    this.#events.inc(l, p.eventsApplied - (this.#lastEvents ?? p.eventsApplied))
    this.#transactions.inc(l, p.transactionsApplied - (this.#lastTransactions ?? p.transactionsApplied))
    this.#lastEvents = p.eventsApplied
    this.#lastTransactions = p.transactionsApplied
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
