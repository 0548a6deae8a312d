// The original bare Node app: any request gets "hello world".
const http = require('http');

const port = Number(process.env.PORT || 1400);
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('hello world\n');
}).listen(port, '127.0.0.1');
