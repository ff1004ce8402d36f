"""The version, on its own: modules deep in the package read it without importing the library face."""

__version__ = "0.1.0"
