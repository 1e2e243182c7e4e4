# Benchmark of the exam room's checks on the exam page's poll (figures go to docs/benchmarks.md).
.PHONY: bench-exam-rooms

BENCH_EXAM_ROOMS_DB ?= school101_bench_exam_rooms
bench-exam-rooms: install postgres ## 200 candidates polling their exam: the room and one-session checks against the poll without them (SQLite, then PostgreSQL)
	@$(PY) benchmarks/bench_exam_rooms.py
	@psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -tAc "select 1 from pg_database where datname = '$(BENCH_EXAM_ROOMS_DB)'" | grep -q 1 \
		|| psql -h 127.0.0.1 -p $(PG_PORT) -U postgres -qc 'create database $(BENCH_EXAM_ROOMS_DB)'
	@$(PY) benchmarks/bench_exam_rooms.py --database-url postgresql+psycopg://postgres@127.0.0.1:$(PG_PORT)/$(BENCH_EXAM_ROOMS_DB)
