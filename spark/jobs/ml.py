"""spark-submit entry: trusted -> refined fatal-outcome classifier. Arguments: spark/README.md."""
import os
import sys

try:
    import lakedeck_spark  # noqa: F401  (EMR: shipped as a zip with --py-files)
except ImportError:  # a checkout: the package sits next to jobs/
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lakedeck_spark.ml.job import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
