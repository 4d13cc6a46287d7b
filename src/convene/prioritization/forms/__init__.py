"""Forms of prioritization, by area."""
