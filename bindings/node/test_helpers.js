'use strict';
// Shared by test/*.test.js; kept outside test/, all of which node --test runs.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const loadJson = (relative) => JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8'));
const header = () => fs.readFileSync(path.join(ROOT, 'include', 'tronpay.h'), 'utf8');

function headerFunctions() {
  return new Set([...header().matchAll(/\b(tronpay_[a-z0-9_]+)\s*\(/g)].map((m) => m[1]));
}

function headerDefines() {
  const out = {};
  for (const m of header().matchAll(/#define (TRONPAY_\w+) (-?\d+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

module.exports = { ROOT, loadJson, headerFunctions, headerDefines };
