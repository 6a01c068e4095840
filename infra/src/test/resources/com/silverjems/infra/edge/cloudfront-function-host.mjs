// Runs a CloudFront Function (cloudfront-js-2.0) the way CloudFront calls it: the function file
// is a plain script whose top-level `handler(event)` gets a CloudFront-shaped event and returns
// the (changed) request or a response. One JSON event per stdin line, one JSON answer per stdout
// line: {"result": ...} or {"error": "..."}.
//
// Usage: node cloudfront-function-host.mjs <function.js>
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import vm from 'node:vm';

const file = process.argv[2];
const sandbox = vm.createContext({ console });
new vm.Script(readFileSync(file, 'utf8'), { filename: file }).runInContext(sandbox);
if (typeof sandbox.handler !== 'function') {
  process.stderr.write(`${file} defines no handler(event)\n`);
  process.exit(2);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    // JSON in and out of the sandbox: the function sees plain objects, as at the edge.
    const event = vm.runInContext(`JSON.parse(${JSON.stringify(line)})`, sandbox);
    const result = await sandbox.handler(event);
    answer = { result: JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
