"""The Word document writer."""
