"""trusted -> refined: a Spark ML classifier of fatal outcome, its evaluation and saved model."""
