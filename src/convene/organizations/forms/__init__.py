"""What people type into the registry's forms, one module per area."""
