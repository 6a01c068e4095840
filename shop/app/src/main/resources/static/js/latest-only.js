// Asking a server for what the shopper types, without a request storm: the newest text only, and
// never two requests at once. While one is out, later texts just replace the wanted one; when the
// answer comes, the wanted text (if it changed) is asked next. No imports: node's test runner
// loads this file as it is (LatestOnlyTest).

/** Sends `ask(text)` for the newest text only, one at a time; `show` gets each answer in order. */
export function latestOnly(ask, show) {
  let inFlight = false;
  let wanted = null;
  let asked = null;
  const pump = async () => {
    if (inFlight || wanted === null || wanted === asked) return;
    inFlight = true;
    const text = wanted;
    asked = text;
    try {
      const answer = await ask(text);
      // Only the answer for what the box says now is worth showing.
      if (text === wanted) show(text, answer, null);
    } catch (error) {
      if (text === wanted) show(text, null, error);
    } finally {
      inFlight = false;
      pump();
    }
  };
  return {
    request(text) {
      wanted = text;
      pump();
    },
    reset() {
      wanted = null;
      asked = null;
    },
  };
}

