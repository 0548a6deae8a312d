// The original Express variant: GET / answers "hello world".
const express = require('express');

const app = express();
app.get('/', (req, res) => res.type('text/plain').send('hello world\n'));
app.listen(Number(process.env.PORT || 1401), '127.0.0.1');
