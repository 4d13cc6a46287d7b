"""Pages of prioritization, by area."""
