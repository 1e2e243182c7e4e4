# Benchmark of the worker's metrics files (figures go to docs/benchmarks.md).
.PHONY: bench-metrics

bench-metrics: install ## the worker's metrics after 2,000 forked jobs: one file per horse vs shared
	@$(PY) benchmarks/bench_metrics.py
