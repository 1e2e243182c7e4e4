# Benchmarks of the web side (figures go to docs/benchmarks.md).
.PHONY: bench-booking bench-deadline bench-evaluations bench-ranking

bench-booking: install postgres ## 400 candidates booking 200 seats at once (gunicorn + PostgreSQL)
	@$(PY) benchmarks/bench_booking.py

BENCH_DAY ?= c07
bench-deadline: install redis postgres grader-image ## a day (BENCH_DAY, c07) of 400 candidates graded through RQ by two workers
	@$(PY) benchmarks/bench_deadline.py --day $(BENCH_DAY)

bench-evaluations: install postgres ## 400 candidates booking peer evaluations within the same minute
	@$(PY) benchmarks/bench_evaluations.py
	@$(PY) benchmarks/bench_evaluations.py --http

bench-ranking: install ## ranking 100,000 synthetic candidates, then the real database path
	@$(PY) benchmarks/bench_ranking.py
	@$(PY) benchmarks/bench_ranking.py --db
