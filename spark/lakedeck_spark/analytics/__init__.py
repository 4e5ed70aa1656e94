"""trusted -> refined: aggregate tables for the catalog (DataFrame API and SparkSQL)."""
