"""Test-only backends that kill or hang their worker in one operation (isolation proof)."""
