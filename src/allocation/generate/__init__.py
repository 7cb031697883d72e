"""Synthetic realistic scenarios for tests, demos and the benchmark suite (`allocation generate`).

`generate` draws one scenario from sizes and a seed with the distributions documented in the
modules below and in data/README.md; `generate_family` builds the benchmark instance families.
Only `random.Random(seed)` is used, so the same arguments give the same scenario and files.
"""

from allocation.generate.instances import FAMILIES, InstanceFamily, generate_family
from allocation.generate.synthetic import GenerateParams, generate

__all__ = ["FAMILIES", "GenerateParams", "InstanceFamily", "generate", "generate_family"]
