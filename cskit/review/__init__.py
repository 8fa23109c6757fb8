"""The review queue behind `cskit stale`: S findings grouped by owner, why each entry is due, and the report."""
