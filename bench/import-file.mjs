#!/usr/bin/env node
// `node bench/import-file.mjs --lines 1000000 [--order sequential|shuffled] [--bad N] > FILE`
//
// Writes an NDJSON file of v1 identities for `yonder import` (username, email, given and family
// name, external id; about 215 bytes a line). `--order shuffled` writes them in a random (but
// repeatable) order, as an export sorted by another system's random ids would be: then every
// index of the identities table takes its rows at random places. `--bad N` spreads N rejected
// lines over the file (an invalid email), so the summary path is exercised too.
import { once } from 'node:events';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg('lines', '1000000'));
const order = arg('order', 'sequential');
const bad = Number(arg('bad', '0'));
const prefix = arg('prefix', 'import');
if (!Number.isInteger(count) || count < 1) throw new Error('--lines must be a positive whole number');
if (order !== 'sequential' && order !== 'shuffled') throw new Error('--order is sequential or shuffled');

// mulberry32: a small seeded generator, so two runs write the same file.
let seed = 0x9e3779b9;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const numbers = new Uint32Array(count);
for (let i = 0; i < count; i++) numbers[i] = i + 1;
if (order === 'shuffled') {
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = numbers[i];
    numbers[i] = numbers[j];
    numbers[j] = t;
  }
}
const badEvery = bad > 0 ? Math.floor(count / bad) : 0;
const width = Math.max(7, String(count).length);

let chunk = '';
for (let i = 0; i < count; i++) {
  const n = String(numbers[i]).padStart(width, '0');
  const email = badEvery > 0 && i % badEvery === badEvery - 1 && i / badEvery < bad ? `not-an-email-${n}` : `${prefix}-${n}@example.com`;
  chunk += `{"display_name":"Import User ${n}","traits":{"type":"traits_v0","username":"${prefix}-${n}","primary_email_address":"${email}","given_name":"Import","family_name":"User ${n}","external_id":"ext-${n}"}}\n`;
  if (chunk.length > 1 << 20) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    chunk = '';
  }
}
process.stdout.write(chunk);
