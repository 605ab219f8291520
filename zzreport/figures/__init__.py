"""Figures: the chart model shared by every writer, and its drawing for print."""
