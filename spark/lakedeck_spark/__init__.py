"""lakedeck's PySpark jobs: raw -> trusted ETL, trusted -> refined analytics and ML."""

__version__ = "0.1.0"
