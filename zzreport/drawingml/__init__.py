"""DrawingML charts for every Office format: one chart, made once, placed by each writer."""
