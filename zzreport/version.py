"""The zzreport version, in a module of its own.

Modules inside the package that print or record the version (the PDF's
producer, the manifest, ``--version``) import it from here, never from the
package root: the root re-exports the library's API and imports most of the
package, so importing it from within would make an import cycle.
"""

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)
