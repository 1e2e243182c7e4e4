# Benchmarks of the web side (figures go to docs/benchmarks.md).
.PHONY: bench-booking bench-deadline

bench-booking: install postgres
	@$(PY) benchmarks/bench_booking.py

bench-deadline: install redis postgres grader-image
	@$(PY) benchmarks/bench_deadline.py

.PHONY: bench-ranking
bench-ranking: install
	@$(PY) benchmarks/bench_ranking.py
	@$(PY) benchmarks/bench_ranking.py --db
