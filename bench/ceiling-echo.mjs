// Ceiling: a bare node:http server that parses a JSON body (if any) and answers JSON. Nothing in
// yonder's request path can be faster than this on the same machine.
import { createServer } from 'node:http';

const reply = JSON.stringify({
  id: '0123456789abcdef',
  realm_id: '0123456789abcdef',
  tenant_id: '0123456789abcdef',
  display_name: 'echo',
  create_time: new Date().toISOString(),
  update_time: new Date().toISOString(),
  status: 'active',
  traits: { type: 'traits_v0', username: 'echo' },
  enrollment_status: 'UNENROLLED',
});

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const text = body === '' ? reply : JSON.stringify(JSON.parse(body));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
