"""Synthetic covid CSV generator (plain Python, no Spark). Arguments: --help."""
import os
import sys

try:
    import lakedeck_spark  # noqa: F401
except ImportError:  # a checkout: the package sits next to jobs/
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lakedeck_spark.generator.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
