'use strict';
// Preloaded into child processes (NODE_OPTIONS="--require …/offline-guard.js") that must not reach
// anything off this machine: every TCP connection to another host is refused before it is made, and
// written to the file OFFLINE_GUARD_LOG names, so a test can say what a tool tried to reach.
const net = require('node:net');
const { appendFileSync } = require('node:fs');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\]|::ffff:127\.\d+\.\d+\.\d+)$/i;
const connect = net.Socket.prototype.connect;

/** connect(options), connect([options, listener]) as net.connect normalises it, or connect(port, host). */
function targetOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) return first.path == null ? { host: first.host ?? 'localhost', port: first.port } : null;
  if (typeof first === 'string' && Number.isNaN(Number(first))) return null;
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const target = targetOf(args);
  if (target === null || LOOPBACK.test(String(target.host))) return connect.apply(this, args);
  const line = `${process.pid} ${process.argv.slice(1).join(' ')} -> ${target.host}:${target.port}\n`;
  if (process.env.OFFLINE_GUARD_LOG) appendFileSync(process.env.OFFLINE_GUARD_LOG, line);
  const refused = Object.assign(new Error(`offline guard: ${target.host}:${target.port} is off this machine`), { code: 'ECONNREFUSED' });
  process.nextTick(() => this.destroy(refused));
  return this;
};
