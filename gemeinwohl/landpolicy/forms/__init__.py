"""Forms of land policy: one module per entity."""
