# Benchmark of plagiarism detection (figures go to docs/benchmarks.md and docs/integrity.md).
.PHONY: bench-integrity

BENCH_INTEGRITY_DB ?= school101_bench_integrity
bench-integrity: install postgres ## 400 candidates x C00-C03 fingerprinted and compared; incremental check p95 on PostgreSQL
	@psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -tAc "select 1 from pg_database where datname = '$(BENCH_INTEGRITY_DB)'" | grep -q 1 \
		|| psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -qc 'create database $(BENCH_INTEGRITY_DB)'
	@$(PY) benchmarks/bench_integrity.py --database-url postgresql+psycopg://postgres@127.0.0.1:$(PG_PORT)/$(BENCH_INTEGRITY_DB)
