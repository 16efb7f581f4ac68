/*
| The benchmarks (bench/README.md), one entry each: the ace command's name, description and flags,
| the database it insists on, and its measurement. A runner is imported from bench/ only when its
| benchmark runs: listing commands must not load it (nor the application).
*/
import { benchCommand, benchmark, countFlag } from '#kernel/cli_command'

const benchmarks = [
  // `npm run bench`: starts its own database and server processes, not the application
  benchmark({
    name: 'bench',
    description: 'Posting throughput (API vs raw SQL) and statement PDFs/s (bench/README.md)',
    options: { startApp: false },
    flags: {
      clients: countFlag('concurrent clients (and baseline connections)', 8),
      postings: countFlag('measured postings per client per round', 250),
      rounds: countFlag('rounds per side (the median is reported)', 3),
      warmup: countFlag('warm-up postings per client per side', 300),
      profile: {
        type: 'boolean',
        description: 'write a CPU profile of the HTTP server to tmp/bench-profile/',
      },
      skipStatements: {
        type: 'boolean',
        description: 'posting throughput only (no statement PDFs/s)',
      },
    },
    async measure(values, log) {
      const { runPostingBench } = await import('../../../bench/posting_bench.js')
      const { runStatementThroughput } = await import('../../../bench/statement_run.js')
      return runPostingBench({
        clients: values.clients,
        postingsPerClient: values.postings,
        rounds: values.rounds,
        warmupPerClient: values.warmup,
        profileDir: values.profile ? 'tmp/bench-profile' : undefined,
        log,
        afterRun: values.skipStatements ? undefined : (url) => runStatementThroughput(url, log),
      })
    },
  }),

  // `npm run bench:month-end -- --customers N --workers 2` ("Month-end statement run"): statements
  // delivered by worker processes to a local SMTP server; time, rate, p50/p95, exactly-once checks
  benchmark({
    name: 'bench:month-end',
    description: 'Month-end statement run over worker processes, counted on a local SMTP server',
    options: { startApp: false },
    sibling: 'monthend',
    flags: {
      customers: countFlag('customers (one statement each)', 300),
      workers: countFlag('worker processes', 2),
      pool: countFlag('pages per worker browser (REPORTS_PAGE_POOL)', 2),
      profile: {
        type: 'boolean',
        description: "write each worker's CPU profile to tmp/bench-profile/month-end",
      },
    },
    async measure({ customers, workers, pool, profile }, log, { databaseUrl, app }) {
      const { runMonthEndBench } = await import('../../../bench/month_end_bench.js')
      const profileDir = profile ? app.makePath('tmp/bench-profile/month-end') : undefined
      return runMonthEndBench({ databaseUrl, customers, workers, pool, profileDir, log })
    },
  }),

  // `npm run bench:scale` ("Reads at scale"): SCALE=small by default, SCALE=full for issue 20's
  // size; checks the ledger, then p50/p95/p99 of the reads and of posting on the largest customer
  benchmark({
    name: 'bench:scale',
    description:
      'Reads at scale: ledger pages, balances report, panel, posting (SCALE=small|full|<journals>)',
    options: { startApp: false },
    sibling: 'scale',
    flags: {
      samples: countFlag('timed calls per measurement', 30),
      reseed: {
        type: 'boolean',
        description: 'rebuild the company even when one of this size exists',
      },
    },
    async measure({ samples, reseed }, log, { databaseUrl }) {
      const { runScaleBench } = await import('../../../bench/scale_bench.js')
      return runScaleBench({ databaseUrl, samples, reseed, log })
    },
  }),

  // bytes per posting (journal, lines, audit row, their indexes) on a migrated `_bench` database
  benchmark({
    name: 'bench:storage',
    description:
      'Bytes per posting: journal + lines + audit row + their indexes (DATABASE_URL …_bench)',
    seeds: 'a migrated one: postings are added to it',
    flags: { postings: countFlag('fresh postings to measure', 5000) },
    async measure({ postings }, log) {
      const { runStorageBench } = await import('../../../bench/storage_bench.js')
      return runStorageBench({ postings, log })
    },
  }),

  // audit-chain verification speed: a full verify, then an incremental one after `--tail` rows
  benchmark({
    name: 'bench:audit',
    description: 'Audit verification: full rows/s and an incremental verify (DATABASE_URL …_bench)',
    seeds: 'it is seeded with the audit rows to verify',
    flags: {
      rows: countFlag('audit rows to verify (seeded up to this count)', 1_000_000),
      tail: {
        type: 'number',
        description: 'rows written before the incremental verify',
        default: 10_000,
      },
    },
    async measure({ rows, tail }, log) {
      const { runAuditVerifyBench } = await import('../../../bench/audit_verify_bench.js')
      return runAuditVerifyBench({ rows, tail, log })
    },
  }),

  // `npm run bench:bank`: statement lines matched against a million receipts
  benchmark({
    name: 'bench:bank',
    description:
      'Bank matching: --lines statement lines against --receipts receipts (DATABASE_URL …_bench)',
    seeds: 'it is seeded with a million rows',
    flags: {
      lines: countFlag('statement lines', 10_000),
      receipts: countFlag('registered receipts to seed', 1_000_000),
      customers: countFlag('customers to seed', 20_000),
    },
    async measure({ lines, receipts, customers }, log) {
      const { runBankBench } = await import('../../../bench/bank_bench.js')
      return runBankBench({ lines, receipts, customers, log })
    },
  }),

  // `npm run bench:import`: customers and historical receipts imported from XLSX into a `_bench`
  // DATABASE_URL (a slip must not post 100,000 receipts into a working company)
  benchmark({
    name: 'import:bench',
    description: 'Measure imports: customers and historical receipts from XLSX (dry run + commit)',
    seeds: 'it imports its customers and receipts into it',
    flags: {
      customers: countFlag('customers to import', 10_000),
      receipts: countFlag('receipts to import', 100_000),
    },
    async measure({ customers, receipts }, log) {
      const { runImportBench } = await import('../../../bench/import_bench.js')
      return runImportBench({ customers, receipts, log })
    },
  }),

  // statement throughput on the demo data; `npm run bench` runs it on a seeded sibling database
  benchmark({
    name: 'reports:bench',
    description: 'Measure statement PDF throughput on the demo data (warm browser, page pool)',
    flags: {
      pool: countFlag('pages in the pool', 2),
      statements: countFlag('measured statements', 48),
      from: { type: 'string', description: 'statement period start', default: '2026-07-01' },
      to: { type: 'string', description: 'statement period end', default: '2026-11-30' },
    },
    async measure({ pool, statements, from, to }, log) {
      const { runStatementBench } = await import('../../../bench/statement_bench.js')
      const warmup = Math.max(4, pool * 2)
      return runStatementBench({ pool, statements, warmup, from, to, log })
    },
  }),
]

export default benchmarks.map(benchCommand)
