"""The python-pptx-based PowerPoint writer."""
