"""Area samplers for tests/samples.py: one function per area, decorated with @sampler."""

from tests.samples import sampler  # noqa: F401
