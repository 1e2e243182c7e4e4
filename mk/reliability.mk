# Faults lose nothing: the fault tests (docs/reliability.md), each on a private PostgreSQL, Redis,
# Docker engine, SMTP sink, gunicorn and RQ workers; `-s` prints their FIGURE lines.
.PHONY: test-faults

test-faults: install redis grader-image ## the fault-injection tests, serially, with their figures (docs/reliability.md)
	@TEST_REDIS_URL="$${TEST_REDIS_URL:-redis://127.0.0.1:$(REDIS_PORT)/15}" \
	  $(PY) -m pytest -p no:cacheprovider -p no:xdist -q -s tests/reliability/ $(PYTEST_ARGS)
