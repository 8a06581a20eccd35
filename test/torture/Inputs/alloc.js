// Builds and drops objects, arrays, strings and typed arrays until the
// garbage collector has run many times; prints figures that depend only on
// the input.
const crypto = require("crypto");
const rounds = Number(process.argv[2] || 200000);
const kept = new Map();
let total = 0;
for (let i = 0; i < rounds; i++) {
  const item = { id: i, name: "item" + (i % 1009), data: new Array(i % 31).fill(i) };
  kept.set(i % 5003, item);
  const buf = Buffer.alloc(64 + (i % 512), i & 0xff);
  total = (total + buf.length + item.data.length) % 1000000007;
}
const hash = crypto.createHash("sha256");
for (const [k, v] of [...kept.entries()].sort((a, b) => a[0] - b[0]))
  hash.update(k + ":" + v.name + ":" + v.data.length + "\n");
console.log(kept.size, total, hash.digest("hex").slice(0, 16));
