/** In-memory token accounting, exposed on /stats for the course admins. */
const totals = { requests: 0, tokens: 0 };

function recordTokens(count) {
  totals.requests += 1;
  totals.tokens += count;
}

module.exports = { recordTokens, totals };
