// The libltvcrm benchmark job written for DuckDB (Node API, 2 threads), to compare with
// `ltvcrm segment FILE --counts` on the same file.
//
//   node duckdb_job.mjs FILE [AS_OF]        (AS_OF defaults to 2026-11-01)
//
// Per customer: first and last order date, orders, exact amount (DECIMAL), items; recency =
// AS_OF - last; R, F, M scores 1..5 with NTILE(5) (5 best: most recent, most orders, most
// spent); lifecycle state with the default rules: dormant if recency > 180, else new if one
// order, else fan if >= 5 orders and last - first >= 365 days, else repeat.
// Prints one JSON object: the counts per state and per score, totals that force every
// aggregate to be computed, and the seconds from instance creation to the result.
//
// NTILE is position-based: each score holds N/5 customers (+1 for the first N % 5 tiles) and
// customers tied on a boundary land on either side depending on row order, so R/F/M counts are
// not comparable customer by customer, only the state counts are.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, asOf = '2026-11-01'] = process.argv.slice(2);
if (!file || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('usage: node duckdb_job.mjs FILE [AS_OF as YYYY-MM-DD]');
  process.exit(2);
}
const quoted = `'${file.replaceAll("'", "''")}'`;
const day = `DATE '${asOf}'`;

const sql = `
WITH orders AS (
  SELECT * FROM read_csv(${quoted}, header = true, auto_detect = false,
    columns = {'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DECIMAL(18,2)', 'items': 'INTEGER'})
),
per_customer AS (
  SELECT customer_id, min(order_date) AS first_day, max(order_date) AS last_day,
         count(*) AS orders, sum(amount) AS amount, sum(items) AS items
  FROM orders GROUP BY customer_id
),
scored AS (
  SELECT *, ${day} - last_day AS recency,
         NTILE(5) OVER (ORDER BY ${day} - last_day DESC) AS r,
         NTILE(5) OVER (ORDER BY orders ASC) AS f,
         NTILE(5) OVER (ORDER BY amount ASC) AS m
  FROM per_customer
),
staged AS (
  SELECT *, CASE WHEN recency > 180 THEN 'dormant'
                 WHEN orders = 1 THEN 'new'
                 WHEN orders >= 5 AND last_day - first_day >= 365 THEN 'fan'
                 ELSE 'repeat' END AS state
  FROM scored
)
SELECT count(*)::INTEGER AS customers,
       sum(orders)::BIGINT::VARCHAR AS rows,
       sum(amount)::VARCHAR AS total_amount,
       sum(items)::BIGINT::VARCHAR AS total_items,
       ${['new', 'repeat', 'fan', 'dormant']
         .map((s) => `count(*) FILTER (WHERE state = '${s}')::INTEGER AS state_${s}`).join(',\n       ')},
       ${['r', 'f', 'm']
         .flatMap((k) => [1, 2, 3, 4, 5].map((v) => `count(*) FILTER (WHERE ${k} = ${v})::INTEGER AS ${k}${v}`))
         .join(',\n       ')}
FROM staged`;

const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
const row = (await connection.runAndReadAll(sql)).getRowObjects()[0];
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;

const scores = (k) => [1, 2, 3, 4, 5].map((v) => row[`${k}${v}`]);
console.log(JSON.stringify({
  engine: 'duckdb',
  version,
  threads: 2,
  file,
  as_of: asOf,
  customers: row.customers,
  rows: Number(row.rows),
  total_amount: row.total_amount,
  total_items: Number(row.total_items),
  states: { new: row.state_new, repeat: row.state_repeat, fan: row.state_fan, dormant: row.state_dormant },
  r: scores('r'),
  f: scores('f'),
  m: scores('m'),
  elapsed_s: Math.round(elapsed * 1000) / 1000,
}));
connection.closeSync();
instance.closeSync();
