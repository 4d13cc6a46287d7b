"""Pages of strategy documents, by area: `reading`, `authoring` (the working group writes and
publishes iterations) and `translating`. Views parse input, call one service or selector and
render; the rules live in `rules` and the services."""
