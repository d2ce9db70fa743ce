// Starts the telegram-test-api Bot API emulator for the end-to-end tests.
// Usage: node emulator.js [port]   (or EMULATOR_PORT=...; 0 picks a free port)
// Prints one line "emulator ready on http://127.0.0.1:<port>" once it listens.
'use strict';

const net = require('net');
const TelegramServer = require('telegram-test-api');

// A malformed client call or a failing webhook target rejects a promise nobody awaits; without this
// handler Node would exit and take every following test down with it.
process.on('unhandledRejection', (reason) => {
  const text = reason && reason.message ? reason.message : String(reason);
  console.error(`emulator: unhandled rejection: ${text}`);
});

const requested = process.argv[2] ?? process.env.EMULATOR_PORT ?? '0';
const port = Number(requested);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`emulator: invalid port ${JSON.stringify(requested)}`);
  process.exit(2);
}

let server = null;

// The emulator reads port 0 as "use 9000", so a free port is found here first.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: found } = probe.address();
      probe.close(() => resolve(found));
    });
  });
}

async function main() {
  const actual = port === 0 ? await freePort() : port;
  // storeTimeout is in seconds: keep every message for the whole run (the default drops them after 60 s).
  server = new TelegramServer({ host: '127.0.0.1', port: actual, storeTimeout: 3600 });
  await server.start();
  console.log(`emulator ready on http://127.0.0.1:${actual}`);
}

async function shutdown() {
  try {
    if (server) await server.stop();
  } finally {
    process.exit(0);
  }
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

main().catch((error) => {
  console.error(`emulator: failed to start: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
