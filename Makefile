# JourneyFeedback — the commands the README gives.
SHELL := /bin/bash
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: run demo bench bench-analyze test build train up down deps-start deps-stop clean

## run: the whole pipeline in one process (in-memory bus and store); dashboard on http://localhost:5080
run: build
	$(DOTNET) run --project services/Host --no-build

## demo: make run plus a replay of a multilingual sample, so the journey map fills within a minute
demo: build
	$(DOTNET) run --project services/Host --no-build -- --Demo:Enabled=true

## bench: ListPainPoints latency with one million feedback items aggregated in Redis (starts its own Redis)
bench: build
	scripts/bench-feed.sh

## test: every test, against throwaway RabbitMQ and Redis started for the run
test:
	scripts/test.sh

build:
	$(DOTNET) build JourneyFeedback.sln -v quiet -nologo

## train: rebuild the bundled models from data/corpus (fixed seed)
train:
	scripts/fetch-lexicons.sh
	$(DOTNET) run --project services/Cli -- train --corpus data/corpus --lexicons .cache/lexicons --out models

## bench-analyze: offline analysis throughput and memory (100,000 short texts)
bench-analyze:
	scripts/bench-analyze.sh

## up / down: the three services as separate processes against RabbitMQ and Redis
up: build
	scripts/up.sh start

down:
	scripts/up.sh stop

deps-start:
	scripts/deps.sh start

deps-stop:
	scripts/deps.sh stop

clean:
	$(DOTNET) clean JourneyFeedback.sln -v quiet -nologo
