'use strict';
// Preloaded with `node --require` by tests/determinism: moves this process's clock to the instant
// in CGP_FAKE_NOW (ISO text), so a build can be compared with one made at another time. Only
// Date is moved; timers keep running.
const fake = Date.parse(process.env.CGP_FAKE_NOW || '');
if (!Number.isNaN(fake)) {
  const RealDate = Date;
  const offset = fake - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
