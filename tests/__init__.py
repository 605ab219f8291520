"""The test suite, laid out as the package is (tests/resolve/ tests zzreport/resolve/, and so on).

A package, so that test modules of two folders may share a name and import ``tests.helpers``;
``conftest.py`` and ``helpers.py`` serve every folder.
"""
