# Load at the moments that matter, on the recipe's stack (nginx -> gunicorn -> PostgreSQL, Redis):
# figures go to docs/benchmarks.md.
.PHONY: bench-registration bench-push-storm

bench-registration: install redis postgres ## campaign opening: 2,500 registrations in one minute through the proxy, and the password hash cost
	@$(PY) benchmarks/bench_registration.py

bench-push-storm: install redis postgres ## 400 git pushes in the last minute of a day through the proxy, then the deadline enqueues one grading each
	@$(PY) benchmarks/bench_push_storm.py
