// Ceiling: parse the create body, one pg insert (pool of 10) into a table with a unique index,
// answer the row as JSON. Works in its own schema, dropped on exit by the bench.
import { createServer } from 'node:http';
import pg from 'pg';
import { identityRow, sendJson } from './ceiling-identity.mjs';

const schema = process.env.PG_SCHEMA;
const pool = new pg.Pool({ connectionString: process.env.PG_URL, max: 10, options: `-c search_path=${schema}` });
await pool.query(`create table if not exists identities (
  id text primary key, realm_id text not null, display_name text not null,
  username_key text not null, traits text not null, create_time text not null)`);
await pool.query('create unique index if not exists identities_realm_username on identities (realm_id, username_key)');

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', async () => {
    const { identity } = JSON.parse(body);
    const row = identityRow(identity);
    let status = 200;
    try {
      await pool.query({
        name: 'insert-identity',
        text: 'insert into identities values ($1, $2, $3, $4, $5, $6)',
        values: [row.id, row.realm_id, row.display_name, identity.traits.username.toLowerCase(), JSON.stringify(row.traits), row.create_time],
      });
    } catch {
      status = 409;
    }
    sendJson(res, status, row);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
