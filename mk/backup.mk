# Backups: the benchmark of `backup create` and `backup restore` (figures go to docs/benchmarks.md).
.PHONY: bench-backup

bench-backup: install postgres ## backup and restore of 2,500 demo candidates and 400 repositories, against bare pg_dump/pg_restore + tar
	@$(PY) benchmarks/bench_backup.py $(BENCH_ARGS)
