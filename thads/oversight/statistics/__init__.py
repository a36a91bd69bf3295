"""The buckets of forms 6, 10 and 12, counted here and evaluated by `stats` through
`common.form_sources` (contract: docs/oversight-statistics.md)."""
