"""Settings for benchmarks/throughput.py: Consortia's own settings, unchanged, and a
URLconf that adds one bare page (R0) beside the real ones. Production URLs stay clean:
the bare page exists only when these settings are used."""

from consortia.settings import *  # noqa: F403 - the benchmark measures the real settings

ROOT_URLCONF = "benchmarks.throughput_urls"
