// node --test: the storefront search's request discipline (js/latest-only.js), with a server whose
// answers the test releases by hand, so "in flight" is under the test's control.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { latestOnly } = await import(process.env.LATEST_ONLY_MODULE);

function slowServer() {
  const pending = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const asked = [];
  return {
    asked,
    get maxInFlight() {
      return maxInFlight;
    },
    ask(text) {
      asked.push(text);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => pending.push(() => {
        inFlight--;
        resolve({ items: [text] });
      }));
    },
    async answerNext() {
      pending.shift()();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

test('a fast typist costs two requests, never two at once, and sees the newest answer', async () => {
  const server = slowServer();
  const shown = [];
  const search = latestOnly((t) => server.ask(t), (text) => shown.push(text));
  for (const text of ['mo', 'moo', 'moon', 'moons', 'moonst']) search.request(text);

  assert.deepEqual(server.asked, ['mo']);
  await server.answerNext();
  assert.deepEqual(server.asked, ['mo', 'moonst']);
  assert.deepEqual(shown, [], 'the answer for "mo" is stale once "moonst" is wanted');
  await server.answerNext();
  assert.deepEqual(shown, ['moonst']);
  assert.equal(server.maxInFlight, 1);
});

test('asking again for the text already asked sends nothing', async () => {
  const server = slowServer();
  const search = latestOnly((t) => server.ask(t), () => {});
  search.request('ring');
  await server.answerNext();
  search.request('ring');
  assert.deepEqual(server.asked, ['ring']);
  search.reset();
  search.request('ring');
  assert.deepEqual(server.asked, ['ring', 'ring']);
});

test('a failed request is reported and the next text is still asked', async () => {
  const errors = [];
  let calls = 0;
  const search = latestOnly(
    async (t) => {
      calls++;
      if (t === 'bad') throw new Error('503');
      return { items: [] };
    },
    (text, answer, error) => errors.push([text, error?.message ?? null]),
  );
  search.request('bad');
  await new Promise((r) => setTimeout(r, 0));
  search.request('good');
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(errors, [['bad', '503'], ['good', null]]);
  assert.equal(calls, 2);
});
