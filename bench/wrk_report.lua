-- Loaded by bench/event_pages.py with `wrk -s`: after the run, prints the latency
-- percentiles (microseconds) and the error counts in lines the script parses.
done = function(summary, latency, requests)
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("bench-latency p%d %.0f\n", p, latency:percentile(p)))
  end
  io.write(string.format("bench-latency max %.0f\n", latency.max))
  local errors = summary.errors
  io.write(string.format(
    "bench-summary requests %.0f duration %.0f status %.0f connect %.0f read %.0f write %.0f timeout %.0f\n",
    summary.requests, summary.duration, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout))
end
