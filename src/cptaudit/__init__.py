"""cptaudit: fact-check what articles say about CPT/HCPCS billing codes."""
__version__ = "0.1.0"
