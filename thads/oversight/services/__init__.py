"""Every write of oversight, one atomic function per action (one module per kind of record)."""
