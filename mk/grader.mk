# Grader targets (included by the root Makefile): the Docker engine, the sandbox
# image and the grader benchmark. See docs/grader.md and docs/benchmarks.md.
VENV ?= .venv
BENCH_ARGS ?=

.PHONY: docker-engine grader-image bench-grader check-exercises-c00

docker-engine: install ## make sure a Docker engine answers (starts dockerd as root when needed)
	@bash scripts/ensure-docker.sh

grader-image: docker-engine ## build or reuse the sandbox image (tag from a hash of grader/image/)
	@$(VENV)/bin/python -m grader image build >/dev/null

bench-grader: grader-image ## grade correct C00 submissions through the sandbox and bare on the host
	@$(VENV)/bin/python benchmarks/bench_grader.py $(BENCH_ARGS)

check-exercises-c00: grader-image ## every c00 reference passes, every known-wrong variant fails as expected
	@$(VENV)/bin/python -m grader check-exercises exercises/c00
