# Grader targets (included by the root Makefile): the Docker engine, the sandbox
# image and the grader benchmark. See docs/grader.md and docs/benchmarks.md.
VENV ?= .venv
BENCH_ARGS ?=

.PHONY: docker-engine grader-image bench-grader check-exercises-c00

## docker-engine: make sure a Docker engine answers (starts dockerd as root when needed)
docker-engine: install
	@bash scripts/ensure-docker.sh

## grader-image: build or reuse the sandbox image (tag from a hash of grader/image/)
grader-image: docker-engine
	@$(VENV)/bin/python -m grader image build >/dev/null

## bench-grader: grade correct C00 submissions through the sandbox and bare on the host
bench-grader: grader-image
	@$(VENV)/bin/python scripts/bench_grader.py $(BENCH_ARGS)

## check-exercises-c00: every c00 reference passes, every known-wrong variant fails as expected
check-exercises-c00: grader-image
	@$(VENV)/bin/python -m grader check-exercises exercises/c00
