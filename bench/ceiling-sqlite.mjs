// Ceiling: parse the create body (v1 or SCIM), one better-sqlite3 insert into a table with a unique index,
// answer the row as JSON. Same pragmas as yonder's store. A group addMembers body (`identity_ids`)
// is one insert of a membership row (group from the path, a fresh member id) instead.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { identityRow, sendJson } from './ceiling-identity.mjs';

const db = new Database(process.env.SQLITE_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table if not exists identities (
  id text primary key, realm_id text not null, display_name text not null,
  username_key text not null, traits text not null, create_time text not null)`);
db.exec('create unique index if not exists identities_realm_username on identities (realm_id, username_key)');
const insert = db.prepare('insert into identities values (?, ?, ?, ?, ?, ?)');
db.exec(
  'create table if not exists members (group_id text not null, identity_id text not null, create_time text not null, primary key (group_id, identity_id))',
);
const insertMember = db.prepare('insert into members values (?, ?, ?)');

function addMember(url, res) {
  // A fresh member per request, whatever the body names: always one real insert.
  const row = { group_id: url, identity_id: randomBytes(8).toString('hex'), create_time: new Date().toISOString() };
  insertMember.run(row.group_id, row.identity_id, row.create_time);
  sendJson(res, 200, row);
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const parsed = JSON.parse(body);
    if (parsed.identity_ids) return addMember(req.url, res);
    // A v1 create body, or a SCIM User (for the SCIM POST /Users row): the same row either way.
    const identity = parsed.identity ?? { display_name: parsed.userName, traits: { username: parsed.userName } };
    const row = identityRow(identity);
    let status = 200;
    try {
      insert.run(row.id, row.realm_id, row.display_name, identity.traits.username.toLowerCase(), JSON.stringify(row.traits), row.create_time);
    } catch {
      status = 409;
    }
    sendJson(res, status, row);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
