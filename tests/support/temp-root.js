'use strict';
/**
 * Jest's globalSetup and globalTeardown (see jest.config.js): every test run gets one temporary
 * folder, which TMPDIR points at, so the many `mkdtempSync(join(tmpdir(), …))` folders of the
 * tests (and of the children they start with TMPDIR passed on) land inside it; the teardown
 * removes it whole. Without this each `npm test` left a few GB of build outputs in /tmp.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const KEY = 'CGP_TEST_TEMP_ROOT';

function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cgp-test-run-'));
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

function teardown() {
  const root = process.env[KEY];
  if (root && path.basename(root).startsWith('cgp-test-run-')) fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
